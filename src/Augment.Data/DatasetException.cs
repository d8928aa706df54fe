namespace Augment.Data;

/// <summary>A data set could not be read: the message names the file (or folder) and what is wrong with it.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
