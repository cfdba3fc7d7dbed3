/// The device's flat file system (SPIFFS rules), supplied by the host. Filled in by the `file`
/// module work.
public struct DeviceFileSystem {
    public init() {}
}
