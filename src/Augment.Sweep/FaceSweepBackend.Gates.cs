using Augment.Core;
using Augment.Data;
using Augment.Evaluation.Editing;
using Augment.ExprGan;
using Augment.ExprGan.Identity;
using Augment.Sweep.Gates;

namespace Augment.Sweep;

/// <summary>The quality-gate hook of the real sweep: every prepared generator is checked before any synthetic row.</summary>
public sealed partial class FaceSweepBackend
{
    readonly List<GateVerdict> _verdicts = [];

    public IReadOnlyList<string> GeneratorGates => _verdicts.Select(v => v.Summary).ToArray();

    /// <summary>Checks the split's generator; on refusal disposes what Prepare made and rethrows.</summary>
    void CheckGates(IExpressionGenerator generator, FaceSet train, FaceSet test, int split, int seed, IProgressSink progress)
    {
        try
        {
            var layer = IdentityFeatures.ResNet18LayerFor(train.Height);
            using var phi = IdentityNetworks.Create(new IdentityNetworkOptions { Layers = [layer] }, _device);
            _verdicts.Add(GeneratorGate.Check(generator, $"the GAN of split {split}, seed {seed}", train, test, phi,
                $"ResNet18 (Microsoft.ML.DnnImageFeaturizer.ResNet18, ImageNet) {layer}, globally average-pooled",
                _o.Gate, seed, _o.Threads, _deviceKind, progress));
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
