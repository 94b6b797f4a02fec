import sharp from "sharp";

// libvips keeps up to 50 MB of decoded operations and runs a thread a core for every image: with stills drawn
// for several jobs at once that was most of the server's peak memory, for no speed here (the images are drawn
// once and the cores are busy with ffmpeg). One thread an image, nothing cached.
sharp.cache(false);
sharp.concurrency(1);

export default sharp;
