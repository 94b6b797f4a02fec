import { focusRingStyles } from "./styles";

/**
 * A table that scrolls sideways inside its own box when its columns are wider than a phone, instead of
 * widening the page. The box is focusable (and named by the caption) so a keyboard can scroll it too. It is
 * `relative` so the screen-reader-only labels in its cells (absolutely placed) are clipped with the rest.
 */
export function ScrollTable({
  caption,
  className,
  testId,
  children,
}: {
  caption: string;
  className?: string;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className={`relative max-w-full overflow-x-auto rounded-md ${focusRingStyles}`}
    >
      <table className={className} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}
