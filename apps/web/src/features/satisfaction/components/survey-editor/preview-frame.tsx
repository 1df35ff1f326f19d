"use client";
// An iframe whose document shows the spectators' page: the public stylesheet (not the app's
// Tailwind) and a screen rendered by Preact's client `render()` into the frame's body whenever
// React re-renders this component with a new screen. The frame gives the markup a viewport of its
// own: at 375 px it behaves exactly as on a phone, at 1024 px as on a desktop (scaled down to fit
// the column).
import { useEffect, useRef, useState } from "react";
import { render, type ComponentChild } from "preact";

export function PreviewFrame({ title, width, height, lang, css, screen }: { title: string; width: number; height: number; lang: string; css: string; screen: ComponentChild }) {
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
    doc.write('<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><style></style></head><body></body></html>');
    doc.close();
    doc.body.dataset.preview = "ready";
    setBody(doc.body);
  };
  useEffect(prepare, []);

  // The page's stylesheet and language follow the draft (brand colour) and the chosen language.
  useEffect(() => {
    if (!body) return;
    const doc = body.ownerDocument;
    doc.documentElement.lang = lang;
    const style = doc.head.querySelector("style");
    if (style && style.textContent !== css) style.textContent = css;
  }, [body, lang, css]);

  // Preact diffs the new screen into the frame: its state (answers, page) survives edits.
  useEffect(() => {
    if (body) render(screen, body);
  }, [body, screen]);
  useEffect(() => () => void (body && render(null, body)), [body]);

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
    </div>
  );
}
