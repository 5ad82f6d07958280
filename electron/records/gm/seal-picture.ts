import { createCanvas, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import type { FontFiles } from '../font-files';
import { fontFamilies } from '../notice';
import type { SealPicture } from './seal';

/** A unit's round seal is 42 mm across (the size most offices and residents' committees are cut). */
export const sealDiameterMm = 42;
export const sealRed = '#d7261e';
const size = 480;

/**
 * The seal picture in the standard round form: a red ring, a five-pointed star in the middle, the unit's name
 * along the upper arc reading left to right with each character upright towards the rim, and "电子印章" small
 * below the star so a print can never pass for an inked seal. Transparent outside the ink, as a stamp is.
 */
export function drawSealPicture(unitName: string, fonts: FontFiles): SealPicture {
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const r = size / 2;
  ctx.translate(r, r);
  ctx.fillStyle = sealRed;
  ctx.strokeStyle = sealRed;

  ctx.lineWidth = r * 0.06;
  ctx.beginPath();
  ctx.arc(0, 0, r * 0.95, 0, Math.PI * 2);
  ctx.stroke();

  star(ctx, r * 0.3);
  arcText(ctx, [...unitName], r, fontFamilies(fonts).bold);

  ctx.font = `${Math.round(r * 0.12)}px ${fontFamilies(fonts).regular}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('电子印章', 0, r * 0.5);

  return { type: 'PNG', data: canvas.toBuffer('image/png'), widthMm: sealDiameterMm, heightMm: sealDiameterMm };
}

function star(ctx: SKRSContext2D, outer: number) {
  const inner = outer * 0.382;
  ctx.beginPath();
  for (let i = 0; i < 10; i += 1) {
    const radius = i % 2 ? inner : outer;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(Math.cos(angle) * radius, Math.sin(angle) * radius);
  }
  ctx.closePath();
  ctx.fill();
}

/**
 * The name on a circle inside the ring: the arc grows with the name up to 270°, the characters shrink and are
 * narrowed (as seal engravers do) once it is full, so "东湖社区居民委员会" and a 16-character name both fit.
 */
function arcText(ctx: SKRSContext2D, chars: string[], r: number, family: string) {
  const arc = Math.min(270, Math.max(150, chars.length * 26)) * (Math.PI / 180);
  const step = chars.length > 1 ? arc / (chars.length - 1 + 0.9) : 0;
  const radius = r * 0.7;
  const room = step * radius * 0.92;
  let fontSize = Math.min(r * 0.27, room * 1.25);
  if (room / fontSize < 0.62) fontSize = room / 0.62;
  const narrow = Math.min(1, room / fontSize);
  ctx.font = `${Math.round(fontSize)}px ${family}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const first = -((chars.length - 1) * step) / 2;
  chars.forEach((char, i) => {
    ctx.save();
    ctx.rotate(first + i * step);
    ctx.translate(0, -radius);
    ctx.scale(narrow, 1);
    ctx.fillText(char, 0, 0);
    ctx.restore();
  });
}

/** Largest side of an uploaded seal image we keep: enough for print at 42 mm (600 dpi), small in every file. */
const uploadMax = 1000;

/**
 * An image the office uploads instead (a scan of its registered seal): any PNG or JPEG, kept as PNG no larger
 * than needed. Returns null when the bytes are not an image.
 */
export async function sealPictureFromUpload(bytes: Buffer): Promise<SealPicture | null> {
  let image;
  try {
    image = await loadImage(bytes);
  } catch {
    return null;
  }
  if (!image.width || !image.height) return null;
  const scale = Math.min(1, uploadMax / Math.max(image.width, image.height));
  const canvas = createCanvas(Math.round(image.width * scale), Math.round(image.height * scale));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  const heightMm = Math.round((sealDiameterMm * image.height) / image.width);
  return { type: 'PNG', data: canvas.toBuffer('image/png'), widthMm: sealDiameterMm, heightMm };
}
