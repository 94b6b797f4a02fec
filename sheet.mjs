import sharp from "sharp";
const files = process.argv.slice(3);
const tiles = await Promise.all(files.map(f => sharp(f).resize(400, 225, {fit:"contain"}).toBuffer()));
const cols = 3, rows = Math.ceil(tiles.length/cols);
await sharp({create:{width:cols*404,height:rows*229,channels:3,background:"#222"}}).composite(tiles.map((t,i)=>({input:t,left:(i%cols)*404+2,top:Math.floor(i/cols)*229+2}))).png().toFile(process.argv[2]);
