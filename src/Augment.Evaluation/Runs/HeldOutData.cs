using Augment.Data;
using Augment.Data.Splits;

namespace Augment.Evaluation.Runs;

/// <summary>
/// The training and held-out sides a generator is evaluated on, with where the split came from and whether the
/// generator is known to have been trained on exactly the training side (its training-set hash).
/// </summary>
public sealed class HeldOutData : IDisposable
{
    HeldOutData(FaceSet train, FaceSet test, SplitResult split, string source, string hashCheck)
    {
        Train = train;
        Test = test;
        Split = split;
        Source = source;
        HashCheck = hashCheck;
    }

    public FaceSet Train { get; }
    public FaceSet Test { get; }
    public SplitResult Split { get; }
    public string Source { get; }
    public string HashCheck { get; }

    /// <summary>
    /// The split from <c>split.json</c> beside the generator, or recomputed with SubjectSplitter.HoldOut(fraction,
    /// seed) when a fraction is given (then it must agree with split.json if there is one). Refuses a generator
    /// trained on another data set, on the whole set (nothing held out), or on other images than this training side.
    /// </summary>
    public static HeldOutData Resolve(FaceSet all, string datasetName, GeneratorRun run, double? holdoutFraction, int seed, string? generatorHash)
    {
        var generator = run.GeneratorPath;
        if (run.Dataset is { } trained && !string.Equals(trained, datasetName, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"'{generator}' was trained on the '{trained}' data set ({run.RunJsonPath}), not '{datasetName}': pass --dataset {trained}.");
        SplitResult split;
        string source;
        if (holdoutFraction is { } fraction)
        {
            split = SubjectSplitter.HoldOut(all, fraction, seed);
            source = $"recomputed: {split.Description}";
            if (run.TestSubjects is { } listed)
            {
                var recomputed = TestSubjects(all, split);
                if (!recomputed.SequenceEqual(listed.Order(StringComparer.Ordinal)))
                    throw new InvalidDataException($"--holdout-subjects {fraction} --seed {seed} holds out [{string.Join(", ", recomputed)}], but " +
                        $"'{run.SplitJsonPath}' lists [{string.Join(", ", listed)}]: drop --holdout-subjects to use the generator's own split.");
            }
        }
        else if (run.TestSubjects is { } listed)
        {
            if (!all.HasSubjects)
                throw new InvalidDataException($"'{all.Name}' has images without a subject, so '{run.SplitJsonPath}' cannot be applied by name: " +
                    "give --holdout-subjects and --seed as used in training.");
            var known = all.Subjects.Select(s => s!).ToHashSet(StringComparer.Ordinal);
            if (listed.FirstOrDefault(s => !known.Contains(s)) is { } unknown)
                throw new InvalidDataException($"'{run.SplitJsonPath}' names test subject {unknown}, which is not in '{all.Name}': load the data set as for training.");
            var test = listed.ToHashSet(StringComparer.Ordinal);
            split = SubjectSplitter.BySubjects(all, known.Where(s => !test.Contains(s)), test);
            if (run.SplitTestImages is { } images && images != split.Test.Length)
                throw new InvalidDataException($"'{run.SplitJsonPath}' held out {images} images, this data set has {split.Test.Length} of those subjects: " +
                    "load the data set as for training (--size, --seed, --classes, --max-images).");
            source = $"{run.SplitJsonPath}: {run.SplitDescription ?? $"{test.Count} test subjects"}";
        }
        else
            throw new InvalidDataException($"No {GeneratorRun.SplitFile} beside '{generator}': give --holdout-subjects and --seed as used when " +
                "training it, so that the held-out subjects are known.");
        if (split.Test.Length == 0 || split.Train.Length == 0) throw new InvalidDataException($"The split leaves {split.Train.Length} training and {split.Test.Length} test images.");

        var (train, heldOut) = all.Split(split);
        try
        {
            var hashCheck = CheckHash(all, train, generatorHash ?? run.TrainingSetHash, generator);
            return new HeldOutData(train, heldOut, split, source, hashCheck);
        }
        catch
        {
            train.Dispose();
            heldOut.Dispose();
            throw;
        }
    }

    static string[] TestSubjects(FaceSet all, SplitResult split) =>
        split.Test.Select(i => all.Subjects[i] ?? $"#{i}").Distinct().Order(StringComparer.Ordinal).ToArray();

    static string CheckHash(FaceSet all, FaceSet train, string? expected, string generator)
    {
        if (expected == null) return "not verified: the generator carries no training-set hash";
        var actual = train.ContentHash();
        if (actual == expected) return $"verified: the training side's content hash {actual} is the generator's training-set hash";
        if (all.ContentHash() == expected)
            throw new InvalidDataException($"'{generator}' was trained on the whole of '{all.Name}', test subjects included: nothing is held out. " +
                "Train it with --holdout-subjects to evaluate it.");
        throw new InvalidDataException($"'{generator}' was trained on other images (hash {expected}) than this split's training side (hash {actual}): " +
            "load the data set exactly as for training (--dataset, --data, --size, --rgb, --classes, --max-images, --seed) and use its split.");
    }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
