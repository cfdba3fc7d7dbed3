/// Every collectable object starts with this 16-byte header, on the heap and in an image alike.
/// Image objects carry `ObjectFlags.readOnly` and are never written, marked or freed.
package struct ObjectHeader {
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

extension UnsafeMutableRawPointer {
    @inline(__always) package var header: UnsafeMutablePointer<ObjectHeader> {
        assumingMemoryBound(to: ObjectHeader.self)
    }
}
