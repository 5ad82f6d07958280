// Draw the app icon (renderer/public/icon.svg) as the PNG electron-builder turns into .ico, .icns and Linux icons.
import fs from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';

const size = 1024;
// Give the SVG its target size so it is rasterised sharp, not scaled up from 64 px.
const source = fs
  .readFileSync('renderer/public/icon.svg', 'utf8')
  .replace('<svg ', `<svg width="${size}" height="${size}" `);
const svg = await loadImage(Buffer.from(source));
const canvas = createCanvas(size, size);
canvas.getContext('2d').drawImage(svg, 0, 0, size, size);
fs.writeFileSync('build/icon.png', canvas.toBuffer('image/png'));
console.log('build/icon.png');
