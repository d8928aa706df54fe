using Augment.Core;
using Augment.Data;
using Augment.Evaluation.Editing;
using Augment.ExprGan;
using Augment.Identity;
using Augment.Sweep.Gates;

namespace Augment.Sweep;

/// <summary>The quality-gate hook of the real sweep: every prepared generator is checked before any synthetic row.</summary>
public sealed partial class FaceSweepBackend
{
    readonly SortedDictionary<int, GateVerdict> _verdicts = [];

    public IReadOnlyDictionary<int, string> GeneratorGates => _verdicts.ToDictionary(p => p.Key, p => p.Value.Summary);

    /// <summary>Checks the split's generator (once per split: every seed uses the same GAN; the numbers are kept in the
    /// generator's cache folder, so other processes and later runs read them); on refusal disposes what Prepare made and
    /// rethrows.</summary>
    void CheckGates(IExpressionGenerator generator, string generatorFolder, FaceSet train, FaceSet test, int split, IProgressSink progress)
    {
        if (_verdicts.ContainsKey(split)) return;
        try
        {
            var layer = IdentityFeatures.ResNet18LayerFor(train.Height);
            using var phi = IdentityNetworks.Create(new IdentityNetworkOptions { Layers = [layer] }, _device);
            _verdicts[split] = GeneratorGate.Check(generator, $"the GAN of split {split}", train, test, phi,
                $"ResNet18 (Microsoft.ML.DnnImageFeaturizer.ResNet18, ImageNet) {layer}, globally average-pooled",
                _o.Gate, _o.GanSeed, _o.Threads, _deviceKind, progress, generatorFolder);
        }
        catch
        {
            generator.Dispose();
            train.Dispose();
            test.Dispose();
            throw;
        }
    }
}
