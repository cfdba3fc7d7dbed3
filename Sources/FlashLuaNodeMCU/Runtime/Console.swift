import FlashLua
import FlashLuaCore
/// NodeMCU's serial console (app/lua53/lua.c, dojob): lines of Lua typed at "> " (">> " while a
/// chunk is incomplete), run in protected mode as "=stdin" (Interpreter.swift: lua.c's docall
/// and l_print). A first line "=expr" runs as "return expr"; a bare expression is, as on the
/// chip, an incomplete statement. Results are printed with `print`, errors as print("Lua error: ",
/// report), and the device stays up: an error typed here is not a callback's and restarts nothing. A restart request (node.restart, a
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
        do throws(LuaError) {
            try run(text, in: L)
        } catch {
            if error.kind == .restart { throw LuaScriptError(kind: .restartRequested, message: "restart") }
            // Only no memory for the console's own work comes here.
            report("not enough memory", in: L)
        }
    }

    /// dojob after the line is joined: load as "=stdin", keep an incomplete chunk, else docall
    /// and l_print of the results or of "Lua error: " and the report.
    private mutating func run(_ text: String, in L: LuaState) throws(LuaError) {
        let top = L.stackTop
        defer { L.stackTop = top }
        let chunk: LuaClosure
        do {
            chunk = try Array(text.utf8).withUnsafeBufferPointer { b throws(LuaError) in
                try L.load(b, chunkName: Array("=stdin".utf8))
            }
        } catch {
            if error.kind == .syntax && L.rawToStringBytes(error.value).suffix(5).elementsEqual("<eof>".utf8) {
                pending = text
                return
            }
            try L.ensureStack(2)
            L.push(Value(try L.newString("Lua error: ")))
            L.push(error.value)
            return L.nodeMCUPrint(from: top)
        }
        let (slot, ok) = try L.nodeMCUDoCall(chunk)
        if !ok && !L.stackValue(slot).isNil { try L.insert(Value(try L.newString("Lua error: ")), belowTop: 1) }
        L.nodeMCUPrint(from: slot)
    }

    private func report(_ text: String, in L: LuaState) {
        var bytes = Array(("Lua error: \t" + text + "\n").utf8)
        bytes.withUnsafeMutableBufferPointer { L.writeOutput(UnsafeBufferPointer($0)) }
    }
}
