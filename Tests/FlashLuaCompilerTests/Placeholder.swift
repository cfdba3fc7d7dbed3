import Testing
@Test func compilerPlaceholder() { #expect(1 == 1) }
