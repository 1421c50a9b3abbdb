// The Vietnamese folding the builder applies (`VietnameseFolding`, `FoldedText`) lives in VietnameseText, which
// Provenance shares. It is re-exported, so `import VietQR` still names it.
@_exported public import VietnameseText
