import Foundation

/// A small SVG document builder for pictures meant for slides: shapes and text are appended in
/// drawing order (later ones on top), every attribute value and every text escaped, numbers written
/// with one decimal. `rendered()` gives the standalone document.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var elements: [String] = []
    private let fontFamily: String

    /// - Parameters:
    ///   - fontFamily: the document's font; text measured by character count wants a monospace one.
    ///   - background: a rectangle of this colour under everything; `nil` leaves it transparent.
    public init(width: Double, height: Double, fontFamily: String = "Helvetica, Arial, sans-serif", background: String? = "#ffffff") {
        self.width = width
        self.height = height
        self.fontFamily = fontFamily
        if let background { elements.append(Self.element("rect", [("width", "100%"), ("height", "100%"), ("fill", background)])) }
    }

    /// A rectangle; `tooltip` becomes its `<title>`, which viewers show on hover.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                              cornerRadius: Double? = nil, tooltip: String? = nil) {
        var attributes = [("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))),
                          ("height", Self.number(max(0, height))), ("fill", fill)]
        if let stroke { attributes.append(("stroke", stroke)) }
        if let cornerRadius { attributes.append(("rx", Self.number(cornerRadius))) }
        elements.append(Self.element("rect", attributes, tooltip: tooltip))
    }

    /// A straight line.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                              opacity: Double? = nil, tooltip: String? = nil) {
        var attributes = [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)),
                          ("stroke", stroke), ("stroke-width", Self.number(width))]
        if let opacity { attributes.append(("stroke-opacity", Self.number(opacity, decimals: 2))) }
        elements.append(Self.element("line", attributes, tooltip: tooltip))
    }

    /// One line of text with its baseline at `y`; `anchor` is `start`, `middle` or `end`.
    public mutating func text(_ content: String, x: Double, y: Double, size: Double, weight: String = "normal",
                              anchor: String = "start", fill: String = "#111111", tooltip: String? = nil) {
        let attributes = [("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size)),
                          ("font-weight", weight), ("text-anchor", anchor), ("fill", fill)]
        let body = Self.escaped(content) + (tooltip.map { "<title>\(Self.escaped($0))</title>" } ?? "")
        elements.append("<text\(Self.attributeList(attributes))>\(body)</text>")
    }

    /// The standalone SVG document.
    public func rendered() -> String {
        let size = [("xmlns", "http://www.w3.org/2000/svg"), ("width", Self.number(width)), ("height", Self.number(height)),
                    ("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))"), ("font-family", fontFamily)]
        return (["<svg\(Self.attributeList(size))>"] + elements + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    /// `value` as XML character data or attribute value: `& < > " '` escaped, tabs and line
    /// breaks as spaces, and the control characters XML forbids dropped.
    public static func escaped(_ value: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(" ")
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A coordinate or size with `decimals` decimals (one by default); not-finite values as 0.
    public static func number(_ value: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f", value.isFinite ? value : 0)
    }

    private static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined()
    }

    private static func element(_ name: String, _ attributes: [(String, String)], tooltip: String? = nil) -> String {
        guard let tooltip else { return "<\(name)\(attributeList(attributes))/>" }
        return "<\(name)\(attributeList(attributes))><title>\(escaped(tooltip))</title></\(name)>"
    }
}
