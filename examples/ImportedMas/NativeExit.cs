using System.Runtime.InteropServices;

/// <summary>
/// Ends the process without native static destructors: libtorch's teardown can crash with a segmentation
/// fault after a long run has printed everything (the CLI does the same, src/NeuroMas.Cli/NativeExit.cs).
/// </summary>
internal static partial class NativeExit
{
    public static void Now(int code)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        if (OperatingSystem.IsLinux()) Exit(code);
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int code);
}
