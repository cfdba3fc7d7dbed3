import FlashLuaBytecode

/// Stack levels, positions and tracebacks (ldebug.c / lauxlib.c).
extension LuaState {
    /// CallInfo index for stack level n of thread t (0 = running function), nil past the bottom.
    package func callInfoIndex(level: Int, in t: LuaThread) -> Int? {
        let index = t.ciIndex - level
        return index > 0 && level >= 0 ? index : nil
    }

    package func isLuaFrame(_ ciIndex: Int, in t: LuaThread) -> Bool {
        t.callInfo(ciIndex).pointee.flags & CallInfo.isLua != 0
    }

    /// Current line of a frame, or -1 (natives, stripped code).
    package func currentLine(_ ciIndex: Int, in t: LuaThread) -> Int {
        let ci = t.callInfo(ciIndex)
        guard ci.pointee.flags & CallInfo.isLua != 0 else { return -1 }
        let p = t.stack[ci.pointee.function].luaClosure.proto
        let pc = ci.pointee.savedPC.unsafelyUnwrapped - p.code - 1
        return p.line(at: pc) ?? -1
    }

    package func shortSource(_ p: Proto) -> [UInt8] {
        guard let s = p.source else { return Array("?".utf8) }
        return chunkID(s.array)
    }

    /// "chunk:line: " of the function at `level` of the running thread (luaL_where / addinfo).
    package func appendPosition(level: Int, into out: inout [UInt8]) {
        let t = current!
        guard let index = callInfoIndex(level: level, in: t), isLuaFrame(index, in: t) else { return }
        let ci = t.callInfo(index)
        let p = t.stack[ci.pointee.function].luaClosure.proto
        let line = currentLine(index, in: t)
        if level > 0 && line <= 0 { return }
        out += shortSource(p)
        out.append(UInt8(ascii: ":"))
        out += Array(String(line).utf8)
        out += Array(": ".utf8)
    }

    /// Finds a global-ish name for a function through package.loaded (pushglobalfuncname).
    package func globalFunctionName(_ f: Value) -> String? {
        guard let loadedKey = try? newString("_LOADED"), let loaded = registry.get(shortString: loadedKey)?.pointee, loaded.isTable else {
            return nil
        }
        var key = Value.nil
        while let (k, v) = try? loaded.table.next(after: key, in: self) {
            key = k
            guard k.isString else { continue }
            if v.rawEquals(f) { return k.string.swiftString }
            if v.isTable {
                var k2 = Value.nil
                while let (kk, vv) = try? v.table.next(after: k2, in: self) {
                    k2 = kk
                    if kk.isString && vv.rawEquals(f) {
                        let module = k.string.swiftString
                        let name = kk.string.swiftString
                        return module == "_G" ? name : module + "." + name
                    }
                }
            }
        }
        return nil
    }

    /// luaL_traceback of thread t from `level`, after `message` if given.
    package func traceback(_ t: LuaThread, message: [UInt8]?, level: Int) -> [UInt8] {
        var out: [UInt8] = []
        if let message {
            out += message
            out.append(UInt8(ascii: "\n"))
        }
        out += Array("stack traceback:".utf8)
        var last = 0
        while callInfoIndex(level: last + 1, in: t) != nil { last += 1 }
        var n1 = last - level > 21 ? 10 : -1
        var lv = level
        while let index = callInfoIndex(level: lv, in: t) {
            lv += 1
            if n1 == 0 {
                out += Array("\n\t...".utf8)
                lv = last - 11 + 1
                n1 -= 1
                continue
            }
            n1 -= 1
            let ci = t.callInfo(index)
            let f = t.stack[ci.pointee.function]
            out += Array("\n\t".utf8)
            if f.tag == .luaFunction {
                let p = f.luaClosure.proto
                out += shortSource(p)
                out.append(UInt8(ascii: ":"))
                let line = currentLine(index, in: t)
                if line > 0 { out += Array("\(line):".utf8) }
            } else {
                out += Array("[C]:".utf8)
            }
            out += Array(" in ".utf8)
            out += Array(functionDescription(index, in: t).utf8)
            if ci.pointee.flags & CallInfo.tail != 0 { out += Array("\n\t(...tail calls...)".utf8) }
        }
        return out
    }

    /// "function 'print'", "local 'f'", "main chunk", "function <file:12>" or "?".
    package func functionDescription(_ index: Int, in t: LuaThread) -> String {
        let ci = t.callInfo(index)
        let f = t.stack[ci.pointee.function]
        if let g = globalFunctionName(f) { return "function '\(g)'" }
        if let (kind, name) = functionName(index, in: t) { return "\(kind) '\(name)'" }
        if f.tag == .luaFunction {
            let p = f.luaClosure.proto
            if p.lineDefined == 0 { return "main chunk" }
            return "function <\(String(decoding: shortSource(p), as: UTF8.self)):\(p.lineDefined)>"
        }
        return "?"
    }

    // MARK: Raising errors

    /// Turns an error value into a LuaError, running the message handler of an xpcall first
    /// (luaG_errormsg), so the handler sees the stack where the error happened.
    package func raise(_ value: Value) -> LuaError {
        let t = current!
        let handlerIndex = t.body.pointee.errorFunction
        guard handlerIndex != 0 else { return LuaError(.runtime, value) }
        let handler = t.stack[handlerIndex]
        do {
            try call(try pushCall(handler, value), wanted: 1)
            t.top -= 1
            return LuaError(.runtime, t.stack[t.top])
        } catch {
            if error.kind == .memory { return error }
            return LuaError(.handler, error.value)
        }
    }

    /// luaL_error: message with the position of the calling Lua code (level 1).
    package func nativeError(_ message: String) -> LuaError {
        var msg: [UInt8] = []
        appendPosition(level: 1, into: &msg)
        msg += Array(message.utf8)
        do { return raise(Value(try newString(msg))) } catch { return error }
    }
}

extension LuaState {
    /// lua.c's msghandler, as a native function: a string or number message gets a traceback;
    /// another value its __tostring, or "(error object is a T value)".
    package static func tracebackMessageHandler(_ L: LuaState) throws(LuaError) -> Int {
        let v = L.argument(1)
        var text: [UInt8]
        if v.isString || v.isNumber {
            text = L.rawToStringBytes(v)
        } else if let mt = L.metatable(of: v), let tm = mt.get(shortString: try L.fixedName("__tostring"))?.pointee, !tm.isNil {
            let r = try L.callValue(tm, v, .nil)
            if r.isString { return L.returnValue(r) }
            text = Array("(error object is a \(v.typeName) value)".utf8)
        } else {
            text = Array("(error object is a \(v.typeName) value)".utf8)
        }
        return L.returnValue(Value(try L.newString(L.traceback(L.current, message: text, level: 1))))
    }
}
