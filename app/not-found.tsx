import Link from "next/link";

export default function NotFound() {
  return (
    <div className="py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-zinc-400">That page or video does not exist.</p>
      <Link href="/" className="mt-6 inline-block text-violet-300 underline">
        Back to the gallery
      </Link>
    </div>
  );
}
