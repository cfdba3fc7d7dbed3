import FlashLua
import FlashLuaCore
/// NodeMCU's serial console: lines of Lua typed at "> " (">> " while a chunk is incomplete),
/// run in protected mode; results are printed with `print`, errors with their traceback, and
/// the device stays up. A restart request (node.restart, a good node.LFS.reload) passes out as
/// a LuaScriptError of kind `.restartRequested`.
public struct DeviceConsole {
    /// Lines of a chunk that is not complete yet.
    public private(set) var pending = ""

    public init() {}

    public var prompt: String { pending.isEmpty ? "> " : ">> " }

    /// Takes one line; runs it once it completes a chunk.
    public mutating func enter(_ line: String, in L: LuaState) throws(LuaScriptError) {
        let text = pending.isEmpty ? line : pending + "\n" + line
        pending = ""
        // "=expr" as in lua.c 5.1 (NodeMCU's habit), and bare expressions as in 5.3.
        let expression = text.hasPrefix("=") ? String(text.dropFirst()) : text
        do {
            let results = try L.run("return " + expression, chunkName: "=stdin")
            if !results.isEmpty { try L.call(global: "print", results) }
            return
        } catch {
            if error.kind == .restartRequested { throw error }
            if error.kind != .syntax { return report(error, in: L) }
        }
        do {
            try L.run(text, chunkName: "=stdin")
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
        text += "\n"
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { L.writeOutput(UnsafeBufferPointer($0)) }
    }
}
