// The hot-path benchmark: EMVQR parse+verify and CRC-16 throughput, beside the C yardstick in
// ../shared/bench/reference-c, measured in the same run with the same method (thread CPU time, median of 5 runs).
//
// Output: one line per figure, `NAME VALUE UNIT`.
import EMVQR
import Foundation

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let shared = root.deletingLastPathComponent().appendingPathComponent("shared/bench")
let payloadsPath = shared.appendingPathComponent("payloads.txt").path

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
    exit(1)
}

func report(_ name: String, _ value: Double, _ unit: String) {
    print("\(name) \(String(format: "%.2f", value)) \(unit)")
}

// `bench household`: the household-code figures only (HouseholdBenchmarks.swift).
if CommandLine.arguments.dropFirst().first == "household" {
    runHouseholdBenchmarks(root: root)
    exit(0)
}

// MARK: Payloads

guard let text = try? String(contentsOfFile: payloadsPath, encoding: .utf8) else {
    fail("cannot read \(payloadsPath)")
}
let payloads: [(name: String, bytes: [UInt8])] = text.split(separator: "\n").compactMap { line in
    guard let space = line.firstIndex(of: " ") else { return nil }
    return (String(line[..<space]), Array(line[line.index(after: space)...].utf8))
}

// MARK: The C yardstick

func runReference() -> [String: Double] {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("villageqr-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let sources = shared.appendingPathComponent("reference-c")
    guard let files = try? FileManager.default.contentsOfDirectory(atPath: sources.path) else {
        fail("cannot read \(sources.path)")
    }
    let binary = scratch.appendingPathComponent("emvref").path
    let compile = Process()
    compile.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    compile.arguments =
        ["gcc", "-O2", "-std=c11", "-o", binary]
        + files.filter { $0.hasSuffix(".c") }.map { sources.appendingPathComponent($0).path }
    do { try compile.run() } catch { fail("cannot run gcc: \(error)") }
    compile.waitUntilExit()
    guard compile.terminationStatus == 0 else { fail("gcc failed to build the C yardstick") }

    let run = Process()
    run.executableURL = URL(fileURLWithPath: binary)
    run.arguments = ["bench", payloadsPath, "ref"]
    let pipe = Pipe()
    run.standardOutput = pipe
    do { try run.run() } catch { fail("cannot run the C yardstick: \(error)") }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    run.waitUntilExit()
    guard run.terminationStatus == 0 else { fail("the C yardstick failed") }

    // RESULT C-ref:parse parse_verify_ns P121 62.27 61.69 82.54 ns
    var results: [String: Double] = [:]
    for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
        let f = line.split(separator: " ")
        guard f.count >= 5, f[0] == "RESULT", let median = Double(f[4]) else { continue }
        results["\(f[1]) \(f[2]) \(f[3])"] = median
    }
    return results
}

// MARK: EMVQR

/// Parse+verify time per payload, in ns. With `reader`, through one `EMVReader` that reuses its field storage (a
/// log or a scanner stream); without, through `EMVPayload(parsing:)`, which allocates it each time.
func parseVerifyNanoseconds(_ payload: [UInt8], reader: Bool) -> Double {
    var emvReader = EMVReader()
    return measurePayloadLoop(payload) { bytes in
        do {
            let parsed = reader ? try emvReader.read(bytes) : try EMVPayload(parsing: bytes)
            return UInt64(parsed.fieldCount)
        } catch {
            return 1
        }
    }
}

func crcGigabytesPerSecond(_ size: Int) -> Double {
    let buffer: [UInt8] = (0..<size).map { UInt8(truncatingIfNeeded: 0x20 + ($0 &* 7919 >> 3) % 95) }
    let ns = buffer.withUnsafeBytes { raw in
        measure { iterations in
            var crc = CRC16()
            let t0 = threadCPUNanoseconds()
            for _ in 0..<iterations { crc.update(raw) }
            let t1 = threadCPUNanoseconds()
            sink &+= UInt64(crc.value)
            return t1 - t0
        }.median
    }
    return Double(size) / ns
}

// `bench cg NAME COUNT`: parse one payload COUNT times and nothing else, for callgrind; `cg-vietqr` adds the typed
// VietQR reading.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "cg-vietqr",
    let payload = payloads.first(where: { $0.name == CommandLine.arguments[2] }),
    let count = Int(CommandLine.arguments[3])
{
    print("\(payload.name): \(count) typed parses, \(typedParses(payload.bytes, count: count))")
    exit(0)
}
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "cg",
    let payload = payloads.first(where: { $0.name == CommandLine.arguments[2] }),
    let count = Int(CommandLine.arguments[3])
{
    var acc = 0
    let slice = payload.bytes[...]
    var reader = EMVReader()
    for _ in 0..<count {
        do {
            let parsed = try reader.read(slice)
            acc &+= parsed.fieldCount
        } catch {
            acc &+= 1
        }
    }
    print("\(payload.name): \(count) parses, \(acc) fields")
    exit(0)
}

for (name, bytes) in payloads {
    do { _ = try EMVPayload(parsing: bytes) } catch { fail("benchmark payload \(name) does not parse: \(error)") }
}

// The machine is shared, so C and Swift take turns: each round runs the C yardstick and then ours, and the figures
// are medians over the rounds. Ratios are the median of each round's own ratio, so a busy spell that slows one
// round slows both sides of its ratio.
let rounds = Int(ProcessInfo.processInfo.environment["BENCH_ROUNDS"] ?? "") ?? 3
var refRounds: [[String: Double]] = []
var ourRounds: [[String: Double]] = []
for _ in 0..<rounds {
    refRounds.append(runReference())
    var ours: [String: Double] = [:]
    for (name, bytes) in payloads {
        ours["parse \(name)"] = parseVerifyNanoseconds(bytes, reader: true)
        ours["oneshot \(name)"] = parseVerifyNanoseconds(bytes, reader: false)
    }
    for (label, size) in [("64B", 64), ("4KiB", 4096), ("1MiB", 1 << 20)] {
        ours["crc \(label)"] = crcGigabytesPerSecond(size)
    }
    ourRounds.append(ours)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}
@MainActor func ours(_ key: String) -> Double { median(ourRounds.map { $0[key] ?? .nan }) }
@MainActor func ref(_ key: String) -> Double { median(refRounds.map { $0[key] ?? .nan }) }
@MainActor func ratio(_ ourKey: String, _ refKey: String) -> Double {
    median(zip(ourRounds, refRounds).map { ($0[ourKey] ?? .nan) / ($1[refKey] ?? .nan) })
}

for (name, _) in payloads {
    report("emvqr.parse_verify_ns.\(name)", ours("parse \(name)"), "ns")
    report("emvqr.parse_verify_oneshot_ns.\(name)", ours("oneshot \(name)"), "ns")
}
for label in ["64B", "4KiB", "1MiB"] {
    report("emvqr.crc_gbps.\(label)", ours("crc \(label)"), "GB/s")
}
for (name, _) in payloads {
    report("ref.parse_verify_ns.\(name)", ref("C-ref:parse parse_verify_ns \(name)"), "ns")
    report("ref.portable_parse_verify_ns.\(name)", ref("C-ref:parse-portable parse_verify_ns \(name)"), "ns")
}
report("ref.crc_gbps.1MiB", ref("C-ref:crc-sb16p crc_gbps 1MiB"), "GB/s")
for (name, _) in payloads {
    report("ratio.parse_verify.\(name)", ratio("parse \(name)", "C-ref:parse parse_verify_ns \(name)"), "x")
    report(
        "ratio.parse_verify_vs_portable.\(name)",
        ratio("parse \(name)", "C-ref:parse-portable parse_verify_ns \(name)"), "x")
}
report("ratio.crc.1MiB", ratio("crc 1MiB", "C-ref:crc-sb16p crc_gbps 1MiB"), "x")
reportVietQR(payloads, rounds: rounds)
