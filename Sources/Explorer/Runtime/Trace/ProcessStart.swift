import Foundation

/// When this process started, on the clock the explorer times with, so a trace can say how long the
/// explorer took from `exec` to its first ranking. Linux's process table keeps the start in clock ticks
/// since boot (10 ms steps); elsewhere it is the first time this is read.
enum ProcessStart {
    static let instant: ContinuousClock.Instant = {
        let now = ContinuousClock.now
        guard let elapsed = secondsSinceStart() else { return now }
        return now - .milliseconds(Int64((elapsed * 1000).rounded()))
    }()

    /// Seconds since the kernel started this process: `/proc/uptime` less field 22 of `/proc/self/stat`.
    private static func secondsSinceStart() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptimeText = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let uptime = uptimeText.split(separator: " ").first.flatMap({ Double($0) }),
              let commandEnd = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces) start at field 3; the start time is field 22.
        let fields = stat[stat.index(after: commandEnd)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0 else { return nil }
        return max(0, uptime - ticks / ticksPerSecond)
    }
}
