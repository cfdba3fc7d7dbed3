public enum _CompilerPlaceholder {}
