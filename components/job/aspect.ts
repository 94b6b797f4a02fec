export function aspectClass(aspectRatio: string): string {
  if (aspectRatio === "9:16") return "aspect-[9/16]";
  if (aspectRatio === "1:1") return "aspect-square";
  return "aspect-video";
}

/** Width and height in the video's shape, for an image's attributes: the box is reserved before it loads. */
export function aspectSize(aspectRatio: string): { width: number; height: number } {
  if (aspectRatio === "9:16") return { width: 720, height: 1280 };
  if (aspectRatio === "1:1") return { width: 1024, height: 1024 };
  return { width: 1280, height: 720 };
}
