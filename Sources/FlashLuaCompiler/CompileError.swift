/// A syntax error, already formatted the way lua5.3 prints it: `chunk:line: message near 'token'`.
public struct CompileError: Error, Sendable, Equatable {
    public var message: [UInt8]
    public init(message: [UInt8]) { self.message = message }
}
