using Augment.Core;

namespace Augment.Sweep.Runs;

/// <summary>
/// Where a sweep computes. Normally the run folder itself (finished cells are reused). With fresh, a staging folder
/// beside it ('NAME.fresh') that replaces the run folder only once every cell is done, by two renames, so a killed
/// fresh run never leaves reports beside cells they do not describe; rerunning with fresh resumes the staging folder.
/// </summary>
public sealed class RunFolder
{
    RunFolder(string target, string work)
    {
        Target = target;
        Work = work;
    }

    /// <summary>The folder the user named.</summary>
    public string Target { get; }

    /// <summary>Where cells and reports are written during this run.</summary>
    public string Work { get; }

    public bool Staged => Work != Target;

    public static string StagingOf(string target) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(target)) + ".fresh";

    /// <summary>Prepares the folder (creating it, removing files a killed writer left) without touching finished work.</summary>
    public static RunFolder Open(string target, bool fresh)
    {
        target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        var work = fresh ? StagingOf(target) : target;
        Directory.CreateDirectory(work);
        AtomicFile.CleanStale(work);
        return new RunFolder(target, work);
    }

    /// <summary>Moves a complete staged run into place: the old folder is renamed aside, the new one renamed in, the old deleted.</summary>
    public void Commit()
    {
        if (!Staged) return;
        var old = Target + $".old-{Environment.ProcessId}";
        if (Directory.Exists(Target)) Directory.Move(Target, old);
        Directory.Move(Work, Target);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }
}
