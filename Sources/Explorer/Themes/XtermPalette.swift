/// The xterm colour palettes a terminal without direct colour offers, and the nearest entry to a colour.
public enum XtermPalette {
    /// The 16 system colours as xterm defines them by default.
    public static let system16: [RGB] = [
        0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
        0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
    ].map(RGB.init(packed:))

    /// Channel levels of the 6×6×6 colour cube (indices 16–231).
    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The colour of a 256-palette index (16–255 as xterm defines them; 0–15 the system colours).
    public static func color(ofIndex index: Int) -> RGB {
        switch index {
        case ..<16: return system16[max(0, index)]
        case 16..<232:
            let cube = index - 16
            return RGB(red: UInt8(cubeLevels[cube / 36]), green: UInt8(cubeLevels[cube / 6 % 6]), blue: UInt8(cubeLevels[cube % 6]))
        default:
            let level = UInt8(8 + 10 * (min(index, 255) - 232))
            return RGB(red: level, green: level, blue: level)
        }
    }

    /// The nearest entry among the colour cube and the grey ramp (16–255); the system colours are
    /// left out because terminals redefine them.
    public static func nearest256(_ color: RGB) -> Int {
        let cube = 16 + 36 * nearestLevel(color.red) + 6 * nearestLevel(color.green) + nearestLevel(color.blue)
        let average = (Int(color.red) + Int(color.green) + Int(color.blue)) / 3
        let grey = 232 + min(23, max(0, (average - 3) / 10))
        return color.distance(to: Self.color(ofIndex: grey)) < color.distance(to: Self.color(ofIndex: cube)) ? grey : cube
    }

    /// The nearest of the 16 system colours. A clearly coloured input has its chroma stretched
    /// first (lowest channel to 0, brightness kept), so pastel green maps to green rather than grey.
    public static func nearest16(_ color: RGB) -> Int {
        let target = saturated(color)
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in system16.enumerated() {
            let distance = target.distance(to: candidate)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    /// `color` with its chroma stretched to full when it has a clear hue; greys unchanged.
    private static func saturated(_ color: RGB) -> RGB {
        let channels = [Int(color.red), Int(color.green), Int(color.blue)]
        let low = channels.min() ?? 0
        let high = channels.max() ?? 0
        guard high - low >= 48 else { return color }
        let stretched = channels.map { UInt8(($0 - low) * high / (high - low)) }
        return RGB(red: stretched[0], green: stretched[1], blue: stretched[2])
    }

    private static func nearestLevel(_ channel: UInt8) -> Int {
        let value = Int(channel)
        var best = 0
        for (index, level) in cubeLevels.enumerated() where abs(level - value) < abs(cubeLevels[best] - value) {
            best = index
        }
        return best
    }
}
