namespace NeuroMas; public static class Placeholder {}
