using Augment.Data;
using static TorchSharp.torch;

namespace Augment.Evaluation.Probes;

/// <summary>
/// Read-outs trained on REAL images of a data set with known intensity and identity (the procedural faces):
/// per-class ridge regressions from pixels to intensity, and one ridge regression from pixels to the identity
/// parameters (FaceIdentity.ToVector), matched by nearest neighbour against candidate people's true parameters.
/// </summary>
public sealed class ProceduralProbes : IDisposable
{
    /// <summary>Cross-validation folds (of whole training subjects) that choose each probe's penalty.</summary>
    public const int Folds = 4;

    readonly RidgeRegression?[] _intensity;
    readonly RidgeRegression _identity;
    readonly IReadOnlyDictionary<string, float[]> _parameters;

    ProceduralProbes(RidgeRegression?[] intensity, RidgeRegression identity, IReadOnlyDictionary<string, float[]> parameters,
        float minIntensity, float maxIntensity)
    {
        _intensity = intensity;
        _identity = identity;
        _parameters = parameters;
        TrainedIntensityRange = (minIntensity, maxIntensity);
    }

    /// <summary>The range of intensities the intensity probes saw in training; outside it they extrapolate.</summary>
    public (float Min, float Max) TrainedIntensityRange { get; }

    /// <summary>Penalties chosen per class (null where the class has no intensity spread) and for identity.</summary>
    public string Description =>
        $"ridge regression on pixels (closed form, penalty chosen by {Folds}-fold CV over training subjects): intensity one per class " +
        $"(penalties {string.Join(", ", _intensity.Select(r => r == null ? "-" : r.Penalty.ToString("g2", System.Globalization.CultureInfo.InvariantCulture)))}), " +
        $"identity parameters ({_identity.Targets} values, penalty {_identity.Penalty:g2}) -> nearest test subject";

    /// <summary>
    /// Trains on real images. <paramref name="parameters"/> maps every training (and later, candidate) subject to its
    /// identity vector; the set must carry intensities and subjects.
    /// </summary>
    public static ProceduralProbes Train(FaceSet train, IReadOnlyDictionary<string, float[]> parameters, int seed)
    {
        if (train.Intensities is not { } intensities) throw new ArgumentException($"'{train.Name}' has no ground-truth intensities: the probes need them.");
        if (!train.HasSubjects) throw new ArgumentException($"'{train.Name}' has images without a subject: the identity probe needs them.");
        var subjects = train.Subjects.Select(s => s!).ToArray();
        if (subjects.FirstOrDefault(s => !parameters.ContainsKey(s)) is { } missing)
            throw new ArgumentException($"No identity parameters for training subject {missing}.");

        var perClass = new RidgeRegression?[train.ClassCount];
        for (var k = 0; k < train.ClassCount; k++)
        {
            var rows = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] == k).ToArray();
            // A class without intensity spread (e.g. neutral, always 0) has nothing to regress.
            if (rows.Length < 2 || rows.Select(i => intensities[i]).Distinct().Count() < 2) continue;
            using var idx = tensor(rows.Select(i => (long)i).ToArray());
            using var x = train.Images.index_select(0, idx);
            using var y = tensor(rows.Select(i => intensities[i]).ToArray()).unsqueeze(1);
            perClass[k] = RidgeRegression.Fit(x, y, rows.Select(i => subjects[i]).ToArray(), Folds, seed);
        }
        using var targets = tensor(subjects.SelectMany(s => parameters[s]).ToArray()).reshape(train.Count, parameters[subjects[0]].Length);
        var identity = RidgeRegression.Fit(train.Images, targets, subjects, Folds, seed);
        return new ProceduralProbes(perClass, identity, parameters, intensities.Min(), intensities.Max());
    }

    /// <summary>Whether class k has an intensity probe.</summary>
    public bool HasIntensityProbe(int k) => _intensity[k] != null;

    /// <summary>Recovered intensity in [0, 1] of each image read as its class (NaN where that class has no probe).</summary>
    public float[] Intensity(Tensor images, IReadOnlyList<int> classes)
    {
        var n = (int)images.shape[0];
        if (classes.Count != n) throw new ArgumentException($"{classes.Count} classes for {n} images.");
        var result = new float[n];
        Array.Fill(result, float.NaN);
        foreach (var k in classes.Distinct())
        {
            if (_intensity[k] is not { } probe) continue;
            var rows = Enumerable.Range(0, n).Where(i => classes[i] == k).ToArray();
            using var idx = tensor(rows.Select(i => (long)i).ToArray(), device: images.device);
            using var x = images.index_select(0, idx);
            using var predicted = probe.Predict(x);
            var values = predicted.data<float>().ToArray();
            for (var j = 0; j < rows.Length; j++) result[rows[j]] = Math.Clamp(values[j], 0f, 1f);
        }
        return result;
    }

    /// <summary>
    /// For each image, the candidate subject whose true identity parameters are nearest (Euclidean) to the parameters
    /// read from its pixels.
    /// </summary>
    public string[] NearestSubject(Tensor images, IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0) throw new ArgumentException("No candidate subjects.");
        if (candidates.FirstOrDefault(c => !_parameters.ContainsKey(c)) is { } missing)
            throw new ArgumentException($"No identity parameters for candidate subject {missing}.");
        using var scope = NewDisposeScope();
        var predicted = _identity.Predict(images);
        var truth = tensor(candidates.SelectMany(c => _parameters[c]).ToArray()).reshape(candidates.Count, predicted.shape[1]);
        var nearest = cdist(predicted, truth).argmin(1).data<long>().ToArray();
        return nearest.Select(i => candidates[(int)i]).ToArray();
    }

    public void Dispose()
    {
        foreach (var r in _intensity) r?.Dispose();
        _identity.Dispose();
    }
}
