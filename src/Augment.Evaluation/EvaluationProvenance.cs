namespace Augment.Evaluation;

/// <summary>Where an evaluation's inputs came from: what the caller knows and the runner cannot, printed in the report.</summary>
public sealed record EvaluationProvenance
{
    public required string Command { get; init; }
    public required string Dataset { get; init; }
    public required string DatasetDescription { get; init; }
    public required string Split { get; init; }
    public required string SplitSource { get; init; }
    public string HashCheck { get; init; } = "not verified";
    public string? RunJsonPath { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> GeneratorRunOptions { get; init; } = [];
    public string Device { get; init; } = "cpu";
}
