import FlashLuaCore
import FlashLuaText

/// string.pack, string.packsize and string.unpack (lstrlib.c), formats read by FlashLuaText's
/// PackFormat.
extension LuaState {
    private func nextPackOption(_ f: inout PackFormat, _ total: Int) throws(LuaError) -> (option: PackOption, size: Int, padding: Int) {
        do { return try f.next(totalSize: total) } catch { throw textError(error) }
    }

    func strPack() throws(LuaError) -> Int {
        let fs = try checkString(1)
        var f = PackFormat(fs.buffer, numbers: numbers)
        // As lstrlib.c, a nil above the arguments (so a missing one reads "got nil").
        try ensureStack(1)
        push(.nil)
        var arg = 1
        var total = 0
        var out: [UInt8] = []
        while !f.atEnd {
            let (opt, size, padding) = try nextPackOption(&f, total)
            total += padding + size
            try checkResultSize(out.count + padding + size)
            for _ in 0..<padding { out.append(0) }
            arg += 1
            switch opt {
            case .int:
                let n = try checkInteger(arg)
                if size < f.integerSize {
                    let lim = Int64(1) << Int64(size * 8 - 1)
                    guard -lim <= n && n < lim else { throw argumentError(arg, "integer overflow") }
                }
                PackFormat.appendInteger(UInt64(bitPattern: n), size: size, littleEndian: f.isLittleEndian, negative: n < 0, to: &out)
            case .uint:
                let n = try checkInteger(arg)
                if size < f.integerSize {
                    guard UInt64(bitPattern: n) < UInt64(1) << UInt64(size * 8) else { throw argumentError(arg, "unsigned overflow") }
                }
                // (lua_Unsigned)n: with 32-bit integers the bytes past the fourth are zeros.
                let bits = f.integerSize == 8 ? UInt64(bitPattern: n) : UInt64(UInt32(truncatingIfNeeded: n))
                PackFormat.appendInteger(bits, size: size, littleEndian: f.isLittleEndian, negative: false, to: &out)
            case .float:
                let x = try checkFloat(arg)
                PackFormat.appendFloat(x, size: size, littleEndian: f.isLittleEndian, to: &out)
            case .char:
                let s = try checkString(arg)
                let len = s.count
                guard len <= size else { throw argumentError(arg, "string longer than given size") }
                out.append(contentsOf: s.buffer)
                for _ in len..<size { out.append(0) }
            case .string:
                let s = try checkString(arg)
                let len = s.count
                guard size >= f.sizeTSize || UInt64(len) < UInt64(1) << UInt64(size * 8) else {
                    throw argumentError(arg, "string length does not fit in given size")
                }
                try checkResultSize(out.count + len)
                PackFormat.appendInteger(UInt64(len), size: size, littleEndian: f.isLittleEndian, negative: false, to: &out)
                out.append(contentsOf: s.buffer)
                total += len
            case .zeroString:
                let s = try checkString(arg)
                guard !s.buffer.contains(0) else { throw argumentError(arg, "string contains zeros") }
                try checkResultSize(out.count + s.count + 1)
                out.append(contentsOf: s.buffer)
                out.append(0)
                total += s.count + 1
            case .padding:
                out.append(0)
                arg -= 1
            case .alignPadding, .none:
                arg -= 1
            }
        }
        return try returnValues(Value(try newString(out)))
    }

    func strPackSize() throws(LuaError) -> Int {
        let fs = try checkString(1)
        var f = PackFormat(fs.buffer, numbers: numbers)
        var total = 0
        while !f.atEnd {
            let (opt, size, padding) = try nextPackOption(&f, total)
            let itemSize = size + padding
            guard total <= PackFormat.maxSize - itemSize else { throw argumentError(1, "format result too large") }
            total += itemSize
            if opt == .string || opt == .zeroString { throw argumentError(1, "variable-length format") }
        }
        return try returnValues(Value(Int64(total)))
    }

    func strUnpack() throws(LuaError) -> Int {
        let fs = try checkString(1)
        var f = PackFormat(fs.buffer, numbers: numbers)
        let data = try checkString(2)
        let ld = data.count
        let bytes = data.buffer
        let start = relativePosition(try optionalInteger(3, default: 1), ld) - 1
        guard start >= 0 && start <= Int64(ld) else { throw argumentError(3, "initial position out of string") }
        var pos = Int(start)
        var n = 0
        while !f.atEnd {
            let (opt, size, padding) = try nextPackOption(&f, pos)
            if padding + size > ld - pos { throw argumentError(2, "data string too short") }
            pos += padding
            try checkStackSpace(2, "too many results")
            n += 1
            switch opt {
            case .int, .uint:
                let v: Int64
                do {
                    v = try PackFormat.readInteger(bytes, at: pos, size: size, littleEndian: f.isLittleEndian, signed: opt == .int, integerSize: f.integerSize)
                } catch { throw textError(error) }
                push(Value(v))
            case .float:
                // A double read into a float lua_Number is rounded.
                push(Value(numbers.round(PackFormat.readFloat(bytes, at: pos, size: size, littleEndian: f.isLittleEndian))))
            case .char:
                push(Value(try newString(bytes, pos, pos + size)))
            case .string:
                let len: Int64
                do {
                    len = try PackFormat.readInteger(bytes, at: pos, size: size, littleEndian: f.isLittleEndian, signed: false, integerSize: f.integerSize)
                } catch { throw textError(error) }
                let ulen = UInt64(bitPattern: len)
                // lstrlib.c checks pos + len + size <= ld in wrapping size_t arithmetic; a length
                // that wraps around passes and then fails as a too-big string.
                guard UInt64(pos) &+ ulen &+ UInt64(size) <= UInt64(ld) else { throw argumentError(2, "data string too short") }
                guard ulen <= UInt64(ld - pos - size) else {
                    throw errorWithMessage(Array("memory allocation error: block too big".utf8))
                }
                push(Value(try newString(bytes, pos + size, pos + size + Int(ulen))))
                pos += Int(ulen)
            case .zeroString:
                var e = pos
                while e < ld && bytes[e] != 0 { e += 1 }
                push(Value(try newString(bytes, pos, e)))
                pos = e + 1
            case .padding, .alignPadding, .none:
                n -= 1
            }
            pos += size
        }
        try ensureStack(1)
        push(Value(Int64(pos + 1)))
        return n + 1
    }
}
