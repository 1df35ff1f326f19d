"use client";
// An iframe the preview is rendered into through a portal, so the public markup gets a viewport of
// its own: at 375 px its responsive classes behave exactly as on a phone, at 1024 px as on a
// desktop (scaled down to fit the column). The app's stylesheets are copied into the frame.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

export function PreviewFrame({ title, width, height, children }: { title: string; width: number; height: number; children: ReactNode }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [body, setBody] = useState<HTMLElement | null>(null);
  const [available, setAvailable] = useState(width);

  // The frame has no src: its initial blank document is ours to fill. Called on mount and on
  // "load" (a browser may swap in a fresh blank document once), idempotent per document.
  const prepare = () => {
    const doc = frame.current?.contentDocument;
    if (!doc || doc.body?.dataset.preview === "ready") return;
    // Rewritten with a doctype: the initial blank document is in quirks mode.
    doc.open();
    doc.write('<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body></body></html>');
    doc.close();
    // The same styles as the app (Tailwind's output), whether served as <link> or inlined <style>.
    for (const node of document.head.querySelectorAll('link[rel="stylesheet"], style')) doc.head.appendChild(node.cloneNode(true));
    doc.body.style.margin = "0";
    doc.body.dataset.preview = "ready";
    setBody(doc.body);
  };
  useEffect(prepare, []);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setAvailable(entry?.contentRect.width ?? width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [width]);

  const scale = Math.min(1, available / width);
  return (
    <div ref={box} className="w-full">
      <div style={{ width: width * scale, height: height * scale }} className="mx-auto overflow-hidden rounded-xl border-4 border-slate-800 bg-white">
        <iframe
          ref={frame}
          title={title}
          onLoad={prepare}
          style={{ width, height, transform: `scale(${scale})`, transformOrigin: "top left" }}
          className="block border-0"
        />
      </div>
      {body ? createPortal(children, body) : null}
    </div>
  );
}
