public enum _RuntimePlaceholder {}
