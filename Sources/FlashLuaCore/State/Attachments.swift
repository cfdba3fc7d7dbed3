/// Objects that libraries attach to a state (PUC-Rio's LUA_EXTRASPACE, typed): the device's
/// services, the flash store's. The state keeps each one alive until it is freed. Keys are
/// chosen by the library that defines the object's type; a key holds one type only.
package struct StateAttachmentKey: Equatable {
    package let rawValue: Int
    package init(_ rawValue: Int) { self.rawValue = rawValue }
}

package struct StateAttachment {
    let key: StateAttachmentKey
    let object: UnsafeMutableRawPointer
    let release: () -> Void
}

extension LuaState {
    /// Attaches `object` under `key`, replacing (and releasing) what was there.
    package func attach<T: AnyObject>(_ object: T, as key: StateAttachmentKey) {
        detach(key)
        let unmanaged = Unmanaged.passRetained(object)
        attachments.append(StateAttachment(key: key, object: unmanaged.toOpaque(), release: { unmanaged.release() }))
    }

    /// The object attached under `key`, which must have been attached as a `T`.
    package func attachment<T: AnyObject>(_ key: StateAttachmentKey, as type: T.Type) -> T? {
        for a in attachments where a.key == key {
            return Unmanaged<T>.fromOpaque(a.object).takeUnretainedValue()
        }
        return nil
    }

    package func detach(_ key: StateAttachmentKey) {
        guard let i = attachments.firstIndex(where: { $0.key == key }) else { return }
        attachments.remove(at: i).release()
    }

    /// Releases every attachment (the state's deinit).
    func releaseAttachments() {
        for a in attachments { a.release() }
        attachments = []
    }

    /// A value kept under `key` (in a box the state owns), or `defaultValue` when none is.
    package func attachedValue<V>(_ key: StateAttachmentKey, default defaultValue: @autoclosure () -> V) -> V {
        attachment(key, as: AttachedValue<V>.self)?.value ?? defaultValue()
    }

    /// Keeps `value` under `key`, replacing what was there.
    package func setAttachedValue<V>(_ value: V, as key: StateAttachmentKey) {
        if let box = attachment(key, as: AttachedValue<V>.self) {
            box.value = value
        } else {
            attach(AttachedValue(value), as: key)
        }
    }
}

/// A value type attached to a state.
package final class AttachedValue<V> {
    package var value: V
    package init(_ value: V) { self.value = value }
}
