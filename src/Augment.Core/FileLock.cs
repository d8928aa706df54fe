namespace Augment.Core;

/// <summary>
/// An exclusive lock on a file shared by processes (flock on Linux, a sharing lock on Windows). The operating system
/// drops it when the holder disposes it or dies, so a killed process never leaves a stale lock. The file itself stays:
/// deleting it could let two processes each lock a different file of the same name.
/// </summary>
public sealed class FileLock : IDisposable
{
    readonly FileStream _stream;

    FileLock(FileStream stream) => _stream = stream;

    /// <summary>The lock, or null when another holder (another process, or another handle in this one) has it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException) && File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>Waits until the lock is free and takes it; <paramref name="waiting"/> is called once, before the first
    /// wait, so a caller can say what it waits for.</summary>
    public static FileLock Acquire(string path, Action? waiting = null, CancellationToken cancellation = default)
    {
        var told = false;
        while (true)
        {
            if (TryAcquire(path) is { } held) return held;
            if (!told) waiting?.Invoke();
            told = true;
            cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
            cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Whether someone holds the lock now (a snapshot: it may change the next instant).</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        using var probe = TryAcquire(path);
        return probe == null;
    }

    public void Dispose() => _stream.Dispose();
}
