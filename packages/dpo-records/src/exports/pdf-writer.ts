// A small flowing-text PDF writer over pdf-lib (pure JS, no file system, so it runs the same in
// the web server and in tests): headings, paragraphs, label/value blocks, automatic page breaks
// and page numbers. Standard fonts only know WinAnsi; other characters are replaced, not dropped.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const REPLACEMENTS: Record<string, string> = { "→": "->", "≤": "<=", "≥": ">=", "’": "'", "‘": "'", "“": '"', "”": '"', "\u202f": " ", "\u00a0": " " };

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {}

  static async create(title: string, footer: string): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setProducer("Rappel");
    doc.setCreationDate(new Date(0)); // stable output: the document states its own dates
    const writer = new PdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), footer);
    writer.addPage();
    return writer;
  }

  private addPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private clean(text: string, font: PDFFont): string {
    const supported = new Set(font.getCharacterSet());
    return Array.from(text, (ch) => REPLACEMENTS[ch] ?? ch)
      .join("")
      .replace(/\r/g, "")
      .replace(/[^\n]/gu, (ch) => (supported.has(ch.codePointAt(0)!) ? ch : "?"));
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    for (const paragraph of this.clean(text, font).split("\n")) {
      let line = "";
      for (const word of paragraph.split(/\s+/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width || !line) {
          line = candidate;
        } else {
          out.push(line);
          line = word;
        }
        // A single word wider than the line is cut so it never overflows the page.
        while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
          out.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      out.push(line);
    }
    return out;
  }

  private write(text: string, opts: { size?: number; bold?: boolean; indent?: number; color?: [number, number, number]; gapAfter?: number } = {}): void {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const indent = opts.indent ?? 0;
    const lineHeight = size * 1.35;
    for (const line of this.wrap(text, font, size, A4[0] - 2 * MARGIN - indent)) {
      if (this.y - lineHeight < MARGIN + 20) this.addPage();
      this.y -= lineHeight;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: rgb(...(opts.color ?? [0.1, 0.1, 0.12])) });
    }
    this.y -= opts.gapAfter ?? 0;
  }

  title(text: string): void {
    this.write(text, { size: 18, bold: true, gapAfter: 6 });
  }

  heading(text: string): void {
    if (this.y < MARGIN + 120) this.addPage();
    this.y -= 8;
    this.write(text, { size: 13, bold: true, gapAfter: 4 });
  }

  paragraph(text: string, muted = false): void {
    this.write(text, { size: 10, gapAfter: 4, ...(muted ? { color: [0.4, 0.4, 0.45] as [number, number, number] } : {}) });
  }

  field(label: string, value: string): void {
    this.write(label, { size: 9, bold: true, color: [0.3, 0.3, 0.35] });
    this.write(value.trim() ? value : "—", { size: 10, indent: 10, gapAfter: 5 });
  }

  async finish(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const text = this.clean(`${this.footer} — ${i + 1} / ${pages.length}`, this.font);
      page.drawText(text, { x: MARGIN, y: MARGIN - 20, size: 8, font: this.font, color: rgb(0.45, 0.45, 0.5) });
    });
    return this.doc.save();
  }
}
