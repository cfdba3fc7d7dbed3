import Testing
@Test func textPlaceholder() { #expect(1 == 1) }
