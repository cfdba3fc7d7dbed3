import FlashLuaCore
/// The table library (ltablib.c): element access goes through __index/__newindex and lengths
/// through __len, exactly as lua_geti/lua_seti/luaL_len do.
extension LuaState {
    func openTableLibrary() throws(LuaError) {
        let lib = try newTable(arraySize: 0, hashSize: 8)
        try register(
            lib,
            [
                ("concat", { (L: LuaState) throws(LuaError) -> Int in try L.tableConcat() }),
                ("insert", { (L: LuaState) throws(LuaError) -> Int in try L.tableInsert() }),
                ("move", { (L: LuaState) throws(LuaError) -> Int in try L.tableMove() }),
                ("pack", { (L: LuaState) throws(LuaError) -> Int in try L.tablePack() }),
                ("remove", { (L: LuaState) throws(LuaError) -> Int in try L.tableRemove() }),
                ("sort", { (L: LuaState) throws(LuaError) -> Int in try L.tableSort() }),
                ("unpack", { (L: LuaState) throws(LuaError) -> Int in try L.tableUnpack() }),
            ])
        try setField(globals, "table", Value(lib))
        try setLoaded("table", Value(lib))
    }

    // MARK: Element access (lua_geti / lua_seti / luaL_len)

    /// t[i] with __index.
    @inline(__always) func tableGet(_ t: Value, _ i: Int64) throws(LuaError) -> Value {
        if t.tag == .table, let p = t.table.get(integer: i), !p.pointee.isNil { return p.pointee }
        return try getIndex(t, Value(i), operand: .none)
    }

    /// t[i] = v with __newindex.
    @inline(__always) func tableSet(_ t: Value, _ i: Int64, _ v: Value) throws(LuaError) {
        if t.tag == .table, let p = t.table.get(integer: i), !p.pointee.isNil {
            p.pointee = v
            return
        }
        try setIndex(t, Value(i), v, operand: .none)
    }

    /// luaL_len: #v with __len; the result must be an integer.
    func lengthAsInteger(_ v: Value) throws(LuaError) -> Int64 {
        let n = try length(of: v, operand: .none)
        if n.tag == .integer { return n.integer }
        if let i = toInteger(n) { return i }
        throw nativeError("object length is not an integer")
    }

    static let tableRead = 1
    static let tableWrite = 2
    static let tableLength = 4

    /// ltablib's checktab: a table, or a value whose metatable has the needed metamethods.
    func checkTableLike(_ n: Int, _ what: Int) throws(LuaError) {
        let v = argument(n)
        if v.tag == .table { return }
        if let mt = metatable(of: v) {
            let index = try newString("__index")
            let newindex = try newString("__newindex")
            let len = try newString("__len")
            if (what & LuaState.tableRead == 0 || !rawGet(mt, Value(index)).isNil)
                && (what & LuaState.tableWrite == 0 || !rawGet(mt, Value(newindex)).isNil)
                && (what & LuaState.tableLength == 0 || !rawGet(mt, Value(len)).isNil)
            {
                return
            }
        }
        throw argumentTypeError(n, expected: "table")
    }

    /// aux_getn: checktab plus luaL_len.
    func tableLengthArgument(_ n: Int, _ what: Int) throws(LuaError) -> Int64 {
        try checkTableLike(n, what | LuaState.tableLength)
        return try lengthAsInteger(argument(n))
    }

    // MARK: Functions

    private func tableInsert() throws(LuaError) -> Int {
        let e = try tableLengthArgument(1, LuaState.tableRead | LuaState.tableWrite) &+ 1
        let t = argument(1)
        let pos: Int64
        switch argumentCount {
        case 2:
            pos = e
        case 3:
            pos = try checkInteger(2)
            // 1 <= pos <= e, as an unsigned comparison of pos - 1 < e.
            if UInt64(bitPattern: pos &- 1) >= UInt64(bitPattern: e) { throw argumentError(2, "position out of bounds") }
            var i = e
            while i > pos {
                try tableSet(t, i, try tableGet(t, i - 1))
                i -= 1
            }
        default:
            throw nativeError("wrong number of arguments to 'insert'")
        }
        try tableSet(t, pos, argument(argumentCount))
        return 0
    }

    private func tableRemove() throws(LuaError) -> Int {
        let size = try tableLengthArgument(1, LuaState.tableRead | LuaState.tableWrite)
        let t = argument(1)
        var pos = try optionalInteger(2, default: size)
        if pos != size {
            // 1 <= pos <= size + 1
            if UInt64(bitPattern: pos &- 1) > UInt64(bitPattern: size) { throw argumentError(1, "position out of bounds") }
        }
        // The removed value stays on the stack while the others move: a __newindex may run a
        // collection, and then nothing else holds it.
        push(try tableGet(t, pos))
        while pos < size {
            try tableSet(t, pos, try tableGet(t, pos + 1))
            pos += 1
        }
        try tableSet(t, pos, .nil)
        return 1
    }

    private func tableMove() throws(LuaError) -> Int {
        let f = try checkInteger(2)
        let e = try checkInteger(3)
        let t = try checkInteger(4)
        let tt = argument(5).isNil ? 1 : 5
        try checkTableLike(1, LuaState.tableRead)
        try checkTableLike(tt, LuaState.tableWrite)
        let source = argument(1)
        let destination = argument(tt)
        if e >= f {
            if !(f > 0 || e < Int64.max &+ f) { throw argumentError(3, "too many elements to move") }
            let n = e - f + 1
            if t > Int64.max - n + 1 { throw argumentError(4, "destination wrap around") }
            let sameTable = tt == 1 ? true : try valuesEqual(source, destination)
            if t > e || t <= f || !sameTable {
                var i: Int64 = 0
                while i < n {
                    try tableSet(destination, t + i, try tableGet(source, f + i))
                    i += 1
                }
            } else {
                var i = n - 1
                while i >= 0 {
                    try tableSet(destination, t + i, try tableGet(source, f + i))
                    i -= 1
                }
            }
        }
        return returnValue(destination)
    }

    private func tablePack() throws(LuaError) -> Int {
        let n = argumentCount
        let t = try newTable(arraySize: n, hashSize: 1)
        let base = frameBase
        for i in 0..<n { try rawSet(t, Value(Int64(i + 1)), stackValue(base + i)) }
        try setField(t, "n", Value(Int64(n)))
        return returnValue(Value(t))
    }

    private func tableUnpack() throws(LuaError) -> Int {
        let t = argument(1)
        var i = try optionalInteger(2, default: 1)
        let e = argument(3).isNil ? try lengthAsInteger(t) : try checkInteger(3)
        if i > e { return 0 }
        let n = UInt64(bitPattern: e &- i)
        if n >= UInt64(Int32.max) || stackTop + Int(n) + 1 + StackLimits.extra > StackLimits.maxSize {
            throw nativeError("too many results to unpack")
        }
        try ensureStack(Int(n) + 1)
        while i < e {
            let v = try tableGet(t, i)
            push(v)
            i += 1
        }
        push(try tableGet(t, e))
        return Int(n) + 1
    }

    private func tableConcat() throws(LuaError) -> Int {
        var last = try tableLengthArgument(1, LuaState.tableRead)
        let t = argument(1)
        let sep = try optionalString(2)
        var i = try optionalInteger(3, default: 1)
        last = argument(4).isNil ? last : try checkInteger(4)
        var out: [UInt8] = []
        func add(_ index: Int64) throws(LuaError) {
            let v = try tableGet(t, index)
            if v.isString {
                out.append(contentsOf: v.string.buffer)
            } else if v.isNumber {
                appendNumber(v, numbers: numbers, to: &out)
            } else {
                // ltablib.c formats the lua_Integer index with lua_pushfstring's %d (a C int).
                let shown = Int32(truncatingIfNeeded: index)
                throw nativeError("invalid value (\(typeNameForMessage(v))) at index \(shown) in table for 'concat'")
            }
        }
        while i < last {
            try add(i)
            if let sep { out.append(contentsOf: sep.buffer) }
            i += 1
        }
        if i == last { try add(i) }
        return returnValue(Value(try newString(out)))
    }

    /// luaL_typename: the basic type name (no __name).
    func typeNameForMessage(_ v: Value) -> String {
        v.typeName.text
    }

    // MARK: sort (ltablib's quicksort)

    private func tableSort() throws(LuaError) -> Int {
        let n = try tableLengthArgument(1, LuaState.tableRead | LuaState.tableWrite)
        if n > 1 {
            if n >= Int64(Int32.max) { throw argumentError(1, "array too big") }
            let f = argument(2)
            if !f.isNil && !f.isFunction { throw argumentTypeError(2, expected: "function") }
            // Three stack slots hold the values being moved (as lua5.3 keeps them on its stack):
            // a comparator or a metamethod may run a collection while the table does not hold them.
            try ensureStack(3)
            let slots = stackTop
            for _ in 0..<3 { push(.nil) }
            defer { stackTop = slots }
            let sorter = Sorter(L: self, t: argument(1), comparator: f, slots: slots)
            try sorter.sort(1, UInt32(n), 0)
        }
        return 0
    }
}

/// auxsort/partition of ltablib.c, with the same comparison order (so invalid order functions
/// and comparison errors surface exactly as in lua5.3).
private struct Sorter {
    let L: LuaState
    let t: Value
    let comparator: Value
    /// Stack index of the slots that anchor values while they are out of the table.
    let slots: Int

    /// Element i, kept in `slot` (0, 1: the pair being compared or swapped; 2: the pivot).
    func get(_ i: UInt32, _ slot: Int) throws(LuaError) -> Value {
        let v = try L.tableGet(t, Int64(i))
        L.setStackValue(slots + slot, v)
        return v
    }
    func set(_ i: UInt32, _ v: Value) throws(LuaError) { try L.tableSet(t, Int64(i), v) }

    /// a < b by the comparator or the `<` operator.
    func less(_ a: Value, _ b: Value) throws(LuaError) -> Bool {
        if comparator.isNil { return try L.lessThan(a, b) }
        return !(try L.callValue(comparator, a, b)).isFalsy
    }

    func choosePivot(_ lo: UInt32, _ up: UInt32, _ rnd: UInt32) -> UInt32 {
        let r4 = (up - lo) / 4
        return rnd % (r4 * 2) + (lo + r4)
    }

    /// Invariant on entry: a[up - 1] == pivot.
    func partition(_ lo: UInt32, _ up: UInt32, _ pivot: Value) throws(LuaError) -> UInt32 {
        var i = lo
        var j = up - 1
        while true {
            var ai: Value
            while true {
                i &+= 1
                ai = try get(i, 0)
                if !(try less(ai, pivot)) { break }
                if i == up - 1 { throw L.nativeError("invalid order function for sorting") }
            }
            var aj: Value
            while true {
                j &-= 1
                aj = try get(j, 1)
                if !(try less(pivot, aj)) { break }
                if j < i { throw L.nativeError("invalid order function for sorting") }
            }
            if j < i {
                try set(up - 1, ai)
                try set(i, pivot)
                return i
            }
            try set(i, aj)
            try set(j, ai)
        }
    }

    func sort(_ lo0: UInt32, _ up0: UInt32, _ rnd0: UInt32) throws(LuaError) {
        var lo = lo0
        var up = up0
        var rnd = rnd0
        while lo < up {
            let alo = try get(lo, 0)
            let aup = try get(up, 1)
            if try less(aup, alo) {
                try set(lo, aup)
                try set(up, alo)
            }
            if up - lo == 1 { break }
            var p: UInt32
            if up - lo < 100 || rnd == 0 {
                p = (lo + up) / 2
            } else {
                p = choosePivot(lo, up, rnd)
            }
            let ap = try get(p, 0)
            let alo2 = try get(lo, 1)
            if try less(ap, alo2) {
                try set(p, alo2)
                try set(lo, ap)
            } else {
                let aup2 = try get(up, 1)
                if try less(aup2, ap) {
                    try set(p, aup2)
                    try set(up, ap)
                }
            }
            if up - lo == 2 { break }
            let pivot = try get(p, 2)
            let aup1 = try get(up - 1, 1)
            try set(p, aup1)
            try set(up - 1, pivot)
            p = try partition(lo, up, pivot)
            let n: UInt32
            if p - lo < up - p {
                try sort(lo, p - 1, rnd)
                n = p - lo
                lo = p + 1
            } else {
                try sort(p + 1, up, rnd)
                n = up - p
                up = p - 1
            }
            if (up &- lo) / 128 > n {
                rnd = L.randomizePivot()
            }
        }
    }
}

extension LuaState {
    /// l_randomizePivot: some bits of clock and time.
    func randomizePivot() -> UInt32 {
        let c = UInt64(host.clock() * 1_000_000)
        let t = UInt64(bitPattern: host.time())
        var x = UInt32(truncatingIfNeeded: c) &+ UInt32(truncatingIfNeeded: t)
        x = x &+ UInt32(truncatingIfNeeded: c >> 32) &+ UInt32(truncatingIfNeeded: t >> 32)
        return x
    }
}
