/// Every collectable object starts with this 16-byte header, on the heap and in an image alike.
/// Image objects carry `ObjectMarks.readOnly` and are never written, marked or freed.
/// Swift lays the struct out (see `ObjectHeaderLayout`); images store it byte for byte.
@usableFromInline package struct ObjectHeader {
    /// Next object in the collector's list (allObjects / finalizable list); unused in images.
    package var next: UnsafeMutableRawPointer?
    package var tag: ValueTag
    package var marks: UInt8
    /// Per-type bits (tables: absent-metamethod cache; strings: has-hash).
    package var flags: UInt8
    package var extra: UInt8
    /// Bytes this object occupies, as counted by the heap.
    package var size: UInt32
}

package enum ObjectMarks {
    package static let marked: UInt8 = 1
    /// Lives in a read-only image: skip in every GC phase.
    package static let readOnly: UInt8 = 2
    /// Has a __gc metamethod and sits in the finalizable list.
    static let finalizable: UInt8 = 4
    /// Its finalizer already ran (or is queued): never run it again.
    package static let finalized: UInt8 = 8
    /// Fixed objects (reserved names, metamethod names) are never collected.
    package static let fixed: UInt8 = 16
}

/// Where an object's header fields are; every object layout starts its own fields at `size`.
///
///      0            8     9       10      11      12           16
///     +------------+-----+-------+-------+-------+------------+
///     | next (ptr) | tag | marks | flags | extra | size (u32) | object's own fields ...
///     +------------+-----+-------+-------+-------+------------+
///
/// `next` is nil in an image; `size` is what the heap charged (an image object's own bytes).
/// The struct above defines these offsets; LayoutTests checks them against `MemoryLayout`, since
/// an image holds the header's bytes and the body structs (tables, threads, ...) embed it first.
@usableFromInline package enum ObjectHeaderLayout {
    @inline(__always) package static var next: Int { 0 }
    @inline(__always) package static var tag: Int { next + MemoryLayout<UnsafeMutableRawPointer?>.size }
    @inline(__always) package static var marks: Int { tag + MemoryLayout<ValueTag>.size }
    @inline(__always) package static var flags: Int { marks + MemoryLayout<UInt8>.size }
    @inline(__always) package static var extra: Int { flags + MemoryLayout<UInt8>.size }
    @inlinable @inline(__always) package static var size: Int { MemoryLayout<ObjectHeader>.size }
    /// The header's `size` field (the byte count), not the header's own size.
    @inline(__always) package static var byteCount: Int { extra + MemoryLayout<UInt8>.size }
}

extension UnsafeMutableRawPointer {
    @inline(__always) package var header: UnsafeMutablePointer<ObjectHeader> {
        assumingMemoryBound(to: ObjectHeader.self)
    }
}
