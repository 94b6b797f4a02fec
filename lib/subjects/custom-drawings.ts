import { CUSTOM } from "./subject-words";

// Nouns scenes name often that no emoji draws, in the set's flat style and its 32x32 box.
const BODIES: Record<string, string> = {
  [CUSTOM.lighthouse]:
    '<path fill="#7d8a99" d="M6 30.5h20V32H6z"/><path fill="#9aa6b4" d="M9 28h14l1 2.5H8z"/>' +
    '<path fill="#f4f4f4" d="M12.2 10h7.6l2.2 18H10z"/>' +
    '<path fill="#e23d3d" d="M11.7 14h8.6l.5 4h-9.6zm-.98 8h10.56l.5 4H10.22z"/>' +
    '<path fill="#3b4450" d="M11 8.5h10V10H11z"/><path fill="#ffd75e" d="M12.5 4.5h7v4h-7z"/>' +
    '<path fill="#3b4450" d="M12 4.5h8L16 1zM12 4.5h1v4h-1zm7 0h1v4h-1z"/>' +
    '<path fill="#fff3b0" opacity=".55" d="M19.5 5.2L31 2.5v7.5L19.5 7.8zM12.5 5.2L1 2.5v7.5l11.5-2.2z"/>',
};

export const customBody = (name: string): string | undefined => BODIES[name];
