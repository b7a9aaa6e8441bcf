using System.Runtime.InteropServices;

namespace NeuroMas.Cli;

/// <summary>
/// Ends the process without running native static destructors. After long runs, libtorch's teardown
/// (its intra-op thread pool and OpenMP runtime) occasionally crashed with a segmentation fault after
/// all results were written, turning a finished run into a failed exit code. Every file is written
/// atomically and closed before this is called.
/// </summary>
internal static partial class NativeExit
{
    public static int Now(int code)
    {
        if (!OperatingSystem.IsLinux()) return code;
        Console.Out.Flush();
        Console.Error.Flush();
        Exit(code);
        return code;
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int code);
}
