import FlashLua
import FlashLuaCore
/// NodeMCU's serial console (app/lua53/lua.c, dojob): lines of Lua typed at "> " (">> " while a
/// chunk is incomplete), run in protected mode as "=stdin". A first line "=expr" runs as
/// "return expr" (a bare expression is a syntax error, as on the chip); results are printed with
/// `print`, errors as print("Lua error: ", message and traceback), and the device stays up: an
/// error typed here is not a callback's and restarts nothing. A restart request (node.restart, a
/// good node.LFS.reload) passes out as a LuaScriptError of kind `.restartRequested`.
public struct DeviceConsole {
    /// Lines of a chunk that is not complete yet.
    public private(set) var pending = ""

    public init() {}

    public var prompt: String { pending.isEmpty ? "> " : ">> " }

    /// Takes one line; runs it once it completes a chunk.
    public mutating func enter(_ line: String, in L: LuaState) throws(LuaScriptError) {
        let text: String
        if !pending.isEmpty {
            text = pending + "\n" + line
        } else if line.hasPrefix("=") {
            text = "return " + line.dropFirst()
        } else {
            text = line
        }
        pending = ""
        do {
            let results = try L.run(text, chunkName: "=stdin")
            if !results.isEmpty { try L.call(global: "print", results) }
        } catch {
            if error.kind == .restartRequested { throw error }
            if error.kind == .syntax && error.message.hasSuffix("<eof>") {
                pending = text
                return
            }
            report(error, in: L)
        }
    }

    private func report(_ error: LuaScriptError, in L: LuaState) {
        var text = error.message
        if let traceback = error.traceback { text += "\n" + traceback }
        // Through print, as l_print; lua.c writes to the UART when print itself fails.
        if (try? L.call(global: "print", [.string("Lua error: "), .string(text)])) != nil { return }
        var bytes = Array(("Lua error: \t" + text + "\n").utf8)
        bytes.withUnsafeMutableBufferPointer { L.writeOutput(UnsafeBufferPointer($0)) }
    }
}
