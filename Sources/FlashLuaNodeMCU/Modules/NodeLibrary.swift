import FlashLuaBytecode
import FlashLuaCompiler
import FlashLuaCore

/// The `node` module of the device model: heap, restart, compile, info, chip facts, the partition
/// table and the emergency garbage collector's mode (node.LFS and node.task come from their own
/// files). Return conventions follow NodeMCU's documentation.
extension LuaState {
    func openNodeLibrary() throws(LuaError) {
        let node = try globalTable("node")
        try register(
            node,
            [
                // Free bytes under the device's heap budget.
                ("heap", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(Value(Int64(max(0, L.heapLimit - L.totalBytes)))) }),
                ("restart", { (L: LuaState) throws(LuaError) -> Int in throw LuaError(.restart, .nil) }),
                ("chipid", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(Value(L.device.chip.chipID)) }),
                ("flashid", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(Value(L.device.chip.flashID)) }),
                ("flashsize", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(Value(Int64(L.device.chip.flashSize))) }),
                ("getcpufreq", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(Value(L.device.chip.cpuFrequencyMHz)) }),
                ("info", { (L: LuaState) throws(LuaError) -> Int in try L.nodeInfo() }),
                ("compile", { (L: LuaState) throws(LuaError) -> Int in try L.nodeCompile() }),
                ("getpartitiontable", { (L: LuaState) throws(LuaError) -> Int in try L.getPartitionTable() }),
                ("setpartitiontable", { (L: LuaState) throws(LuaError) -> Int in try L.setPartitionTable() }),
            ])
        let egc = try newTable()
        try register(egc, [("setmode", { (L: LuaState) throws(LuaError) -> Int in try L.setEmergencyCollectorMode() })])
        try setField(egc, "NOT_ACTIVE", Value(Int64(0)))
        try setField(egc, "ON_ALLOC_FAILURE", Value(Int64(1)))
        try setField(egc, "ON_MEM_LIMIT", Value(Int64(2)))
        try setField(egc, "ALWAYS", Value(Int64(4)))
        try setField(node, "egc", Value(egc))
        try setField(node, "CPU80MHZ", Value(Int64(80)))
        try setField(node, "CPU160MHZ", Value(Int64(160)))
    }

    /// node.info([group]): NodeMCU's groups, or the legacy list of eight numbers.
    private func nodeInfo() throws(LuaError) -> Int {
        let chip = device.chip
        guard let group = try optionalString(1)?.swiftString else {
            return try returnValues(
                Value(Int64(3)), Value(Int64(0)), Value(Int64(0)), Value(chip.chipID), Value(chip.flashID),
                Value(Int64(chip.flashSize / 1024)), Value(Int64(0)), Value(Int64(40_000_000)))
        }
        let t = try newTable()
        func set(_ key: StaticString, _ v: Value) throws(LuaError) { try setField(t, key, v) }
        switch group {
        case "hw":
            try set("chip_id", Value(chip.chipID))
            try set("flash_id", Value(chip.flashID))
            try set("flash_size", Value(Int64(chip.flashSize / 1024)))
            try set("flash_mode", Value(Int64(0)))
            try set("flash_speed", Value(Int64(40_000_000)))
        case "sw_version":
            try set("git_branch", Value(try newString("flashlua")))
            try set("git_commit_id", Value(try newString("flashlua")))
            try set("git_release", Value(try newString("FlashLua device model (NodeMCU 3.0 API)")))
            try set("git_commit_dts", Value(try newString("202611290000")))
            try set("node_version_major", Value(Int64(3)))
            try set("node_version_minor", Value(Int64(0)))
            try set("node_version_revision", Value(Int64(0)))
        case "build_config":
            try set("ssl", .false)
            try set("lfs_size", Value(Int64(lfsServices.partitionSize)))
            try set("modules", Value(try newString("file,node,tmr")))
            try set("number_type", Value(try newString("float")))
        default:
            throw argumentError(1, "invalid group '\(group)' (hw, sw_version or build_config)")
        }
        return returnValue(Value(t))
    }

    /// node.compile("x.lua"): compiles a file of the file system and writes "x.lc" beside it.
    private func nodeCompile() throws(LuaError) -> Int {
        let name = try checkString(1).swiftString
        guard name.hasSuffix(".lua") else { throw argumentError(1, "a .lua file name expected") }
        let files = device.fileSystem
        let source: [UInt8]
        do {
            source = try files.contents(of: name)
        } catch {
            throw nativeError("cannot open \(name): \(error.message)")
        }
        let function: FunctionDescription
        do {
            function = try compile(source, chunkName: Array(("@" + name).utf8))
        } catch {
            throw LuaError(.syntax, Value(try newString(error.message)))
        }
        let output = String(name.dropLast(4)) + ".lc"
        do {
            try files.replaceContents(of: output, with: BinaryChunk.dump(function, strip: false))
        } catch {
            throw nativeError("cannot write \(output): \(error.message)")
        }
        return 0
    }

    private func getPartitionTable() throws(LuaError) -> Int {
        guard let p = device.partitionTable() else { return returnValue(.nil) }
        let t = try newTable(hashSize: 4)
        try setField(t, "lfs_addr", Value(Int64(p.lfsAddress)))
        try setField(t, "lfs_size", Value(Int64(p.lfsSize)))
        try setField(t, "spiffs_addr", Value(Int64(p.spiffsAddress)))
        try setField(t, "spiffs_size", Value(Int64(p.spiffsSize)))
        return returnValue(Value(t))
    }

    /// node.setpartitiontable{...}: missing fields keep their value; the table is checked
    /// (alignment, order, bounds) and a bad one is an error; a good one restarts the device.
    private func setPartitionTable() throws(LuaError) -> Int {
        let t = try checkTable(1)
        guard var p = device.partitionTable() else { throw nativeError("this device has no flash partition table") }
        func field(_ name: StaticString, _ current: Int) throws(LuaError) -> Int {
            let v = try getField(t, name)
            if v.isNil { return current }
            guard let n = toInteger(v) else { throw nativeError("partition field '\(name)' must be an integer") }
            return Int(n)
        }
        p.lfsAddress = try field("lfs_addr", p.lfsAddress)
        p.lfsSize = try field("lfs_size", p.lfsSize)
        p.spiffsAddress = try field("spiffs_addr", p.spiffsAddress)
        p.spiffsSize = try field("spiffs_size", p.spiffsSize)
        if let problem = device.setPartitionTable(p) { throw nativeError("invalid partition table: \(problem)") }
        throw LuaError(.restart, .nil)
    }

    /// node.egc.setmode(mode[, level]): when the collector runs. ON_MEM_LIMIT with a positive
    /// level collects when the heap passes that many bytes, with a negative one when fewer than
    /// that many bytes remain free; ALWAYS collects before every allocation's safe point.
    private func setEmergencyCollectorMode() throws(LuaError) -> Int {
        let mode = try checkInteger(1)
        let level = Int(try optionalInteger(2, default: 0))
        switch mode {
        case 0, 1:
            // ON_ALLOC_FAILURE: the normal collector runs, and an allocation that would pass
            // the limit collects first. NOT_ACTIVE is treated the same: failing an allocation
            // without trying a collection is never what a program on a small heap wants.
            collectorIsStopped = false
        case 2:  // ON_MEM_LIMIT
            collectorIsStopped = false
            let target = level >= 0 ? level : heapLimit + level
            _ = setCollectorPause(max(1, min(1000, target * 100 / max(1, totalBytes))))
        case 4:  // ALWAYS
            collectorIsStopped = false
            _ = setCollectorPause(1)
        default:
            throw argumentError(1, "invalid mode")
        }
        return 0
    }
}
