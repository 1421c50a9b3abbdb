extension QRCode {
    /// Renders the code for a terminal with UTF-8 half blocks: one character is one module wide and two tall.
    ///
    /// - Parameters:
    ///   - margin: the quiet zone in modules; 4 by default, which terminals need as much as paper.
    ///   - darkTerminal: draw the light modules instead of the dark ones, for light text on a dark background.
    /// - Returns: lines ending in a newline.
    public func terminalText(margin: Int = 4, darkTerminal: Bool = false) -> String {
        let margin = max(0, margin)
        let side = size + 2 * margin
        // Glyphs indexed by (top << 1 | bottom), where 1 means "draw ink".
        let glyphs = [" ", "\u{2584}", "\u{2580}", "\u{2588}"]
        var text = ""
        text.reserveCapacity((side + 1) * (side / 2 + 1) * 3)
        func ink(_ x: Int, _ y: Int) -> Int {
            guard y < side else { return 0 }
            return self[x - margin, y - margin] != darkTerminal ? 1 : 0
        }
        for y in stride(from: 0, to: side, by: 2) {
            for x in 0..<side { text += glyphs[ink(x, y) << 1 | ink(x, y + 1)] }
            text += "\n"
        }
        return text
    }
}
