using Augment.Data;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// For every training face, the other faces of the same subject: the ground truths of the paired term
/// (<see cref="ExprGanTrainingOptions.PairedWeight"/>). A face whose subject has no other image has none.
/// </summary>
public sealed class SubjectPartners
{
    readonly int[][] others;
    readonly IReadOnlyList<float>? intensities;

    /// <param name="intensities">Each face's labelled intensity; null: every face at 1 (peak frames).</param>
    public SubjectPartners(IReadOnlyList<string> subjects, IReadOnlyList<float>? intensities = null)
    {
        if (intensities != null && intensities.Count != subjects.Count)
            throw new ArgumentException($"{intensities.Count} intensities for {subjects.Count} faces.", nameof(intensities));
        this.intensities = intensities;
        var bySubject = Enumerable.Range(0, subjects.Count).GroupBy(i => subjects[i], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        others = [.. Enumerable.Range(0, subjects.Count).Select(i => bySubject[subjects[i]].Where(j => j != i).ToArray())];
    }

    /// <summary>The set's partners at the given intensities (validated by the caller; null: 1); refused, naming the set,
    /// when some image has no subject.</summary>
    public static SubjectPartners For(FaceSet set, IReadOnlyList<float>? intensities) => set.HasSubjects
        ? new SubjectPartners(set.Subjects.Select(s => s!).ToArray(), intensities)
        : throw new ArgumentException($"{set.Name}: the paired term needs a subject for every image, and this data set has images without one " +
            "(give --subject-pattern, or train without --paired).");

    /// <summary>How many faces have at least one partner.</summary>
    public int FacesWithPartners => others.Count(o => o.Length > 0);

    /// <summary>The intensity a face is the ground truth of.</summary>
    public float IntensityOf(int face) => intensities?[face] ?? 1f;

    /// <summary>One partner per face of the batch, uniformly among its subject's other faces; -1 where there is none.</summary>
    public int[] Draw(IReadOnlyList<int> faces, Random rng) =>
        [.. faces.Select(i => others[i] is { Length: > 0 } o ? o[rng.Next(o.Length)] : -1)];
}

/// <summary>
/// The paired term's targets for one batch: per face, another face of its subject (flipped as the source is), its
/// class and intensity, and whether it exists (1) or the row is left out of the term (0; the row then holds the face
/// itself).
/// </summary>
public sealed record PairedFaces(Tensor Images, Tensor Labels, Tensor Intensities, Tensor Present);
