// Pure: shared by the media route (which validates against these lists) and the components (which build srcsets).

/** The widths a still or poster is offered at; a request for any other width is refused. */
export const IMAGE_WIDTHS = [320, 480, 640, 960, 1280] as const;
export const IMAGE_FORMATS = ["avif", "webp", "jpeg"] as const;

export type ImageWidth = (typeof IMAGE_WIDTHS)[number];
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const IMAGE_MIME: Record<ImageFormat, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };

export function imageVariantUrl(mediaUrl: string, width: ImageWidth, format: ImageFormat): string {
  return `${mediaUrl}?w=${width}&fmt=${format}`;
}

/** Every offered width up to `maxWidth` (the largest the image is ever shown at, in device pixels). */
export function imageSrcSet(mediaUrl: string, format: ImageFormat, maxWidth: number = IMAGE_WIDTHS.at(-1)!): string {
  return IMAGE_WIDTHS.filter((w) => w <= maxWidth)
    .map((w) => `${imageVariantUrl(mediaUrl, w, format)} ${w}w`)
    .join(", ");
}
