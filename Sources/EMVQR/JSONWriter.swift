/// A small JSON writer: objects keep the order their keys were written in, so output is stable and diffable. Our
/// modules without Foundation present their values as JSON through it, and the command-line tool writes its
/// documents with it.
package struct JSONWriter {
    package private(set) var text = ""

    package enum Value {
        case string(String)
        case number(Int)
        case bool(Bool)
        case null
        case raw(String)
        case array([Value])
        case object([(String, Value)])

        /// `value` as a JSON string, or `null` when it is `nil`.
        package static func string(orNull value: String?) -> Value { value.map { .string($0) } ?? .null }
    }

    package static func encode(_ value: Value) -> String {
        var writer = JSONWriter()
        writer.write(value)
        return writer.text
    }

    package mutating func write(_ value: Value) {
        switch value {
        case .string(let s): writeString(s)
        case .number(let n): text += String(n)
        case .bool(let b): text += b ? "true" : "false"
        case .null: text += "null"
        case .raw(let json): text += json
        case .array(let items):
            text += "["
            for (i, item) in items.enumerated() {
                if i > 0 { text += "," }
                write(item)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (i, (key, item)) in members.enumerated() {
                if i > 0 { text += "," }
                writeString(key)
                text += ":"
                write(item)
            }
            text += "}"
        }
    }

    private mutating func writeString(_ s: String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value):
                let hex = String(scalar.value, radix: 16, uppercase: false)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
