import CNcursesw
import PodiumUI
public enum PodiumTerminalPlaceholder {}
