"use client";

import { formatBytes } from "@/components/format";
import { useEffect, useRef, useState } from "react";

export interface UploadedAsset {
  id: string;
  kind: "image" | "audio";
  name: string;
  url: string;
}

type State =
  | { step: "idle" }
  | { step: "sending"; name: string; sent: number; total: number; preview: string | null }
  | { step: "done"; asset: UploadedAsset; again: boolean }
  | { step: "failed"; message: string };

/** Sends one file with XMLHttpRequest, whose upload events give a real progress bar (fetch has none). */
function send(file: File, onProgress: (sent: number, total: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => resolve({ status: 0, body: null });
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

/** Drop an image or a sound (or choose one): a preview, the bytes sent so far, then the server's word on it. */
export function UploadDropZone({ onUploaded }: { onUploaded?: (asset: UploadedAsset) => void }) {
  const [state, setState] = useState<State>({ step: "idle" });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const preview = state.step === "sending" ? state.preview : null;
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  async function upload(file: File | undefined) {
    if (!file) return;
    const shown = file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
    setState({ step: "sending", name: file.name, sent: 0, total: file.size, preview: shown });
    const { status, body } = await send(file, (sent, total) =>
      setState((s) => (s.step === "sending" ? { ...s, sent, total } : s)),
    );
    if (input.current) input.current.value = "";
    if (status === 200 || status === 201) {
      const asset = body as UploadedAsset;
      setState({ step: "done", asset, again: status === 200 });
      onUploaded?.(asset);
      return;
    }
    const message =
      (body as { error?: { message?: string } } | null)?.error?.message ??
      (status === 0
        ? "The studio could not be reached, or it closed the connection (is the file too large?)."
        : "That upload did not work.");
    setState({ step: "failed", message });
  }

  return (
    <div className="space-y-3">
      <label
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void upload(e.dataTransfer.files[0]);
        }}
        className={`flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-10 text-center text-sm ${
          over ? "border-violet-400 bg-violet-950/30" : "border-zinc-700 bg-zinc-900/40 hover:border-zinc-500"
        }`}
      >
        <span className="font-medium text-zinc-200">Drop an image or a sound here, or choose a file</span>
        <span className="text-xs text-zinc-400">JPEG, PNG, WebP or AVIF images; MP3, WAV, Ogg, M4A or FLAC sounds</span>
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif,audio/*"
          className="sr-only"
          aria-label="Choose a file to upload"
          disabled={state.step === "sending"}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      </label>
      {state.step === "sending" && (
        <div className="flex items-center gap-4 rounded-md border border-zinc-800 p-3" role="status">
          {/* eslint-disable-next-line @next/next/no-img-element -- a local preview (blob: URL) of the file being sent */}
          {state.preview && <img src={state.preview} alt="" className="h-14 w-14 rounded object-cover" />}
          <div className="flex-1">
            <p className="text-sm">
              Sending {state.name}: {formatBytes(state.sent)} of {formatBytes(state.total)}
            </p>
            <progress
              className="mt-2 h-2 w-full overflow-hidden rounded [&::-webkit-progress-bar]:bg-zinc-800 [&::-webkit-progress-value]:bg-violet-500"
              max={state.total || 1}
              value={state.sent}
              aria-label="Upload progress"
            />
          </div>
        </div>
      )}
      {state.step === "done" && (
        <p role="status" className="rounded-md border border-emerald-800 bg-emerald-950/40 px-4 py-3 text-sm text-emerald-100">
          {state.asset.name} {state.again ? "was already in your uploads." : "is uploaded."}
        </p>
      )}
      {state.step === "failed" && (
        <p role="alert" className="rounded-md border border-red-900 bg-red-950/50 px-4 py-3 text-sm text-red-200">
          {state.message}
        </p>
      )}
    </div>
  );
}
