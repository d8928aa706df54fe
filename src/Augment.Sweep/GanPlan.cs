using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Augment.ExprGan.Checkpoints;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;

namespace Augment.Sweep;

/// <summary>
/// What decides a split's GAN: preset, architecture, training options (epochs, seed, every loss weight), identity
/// network, thread count and the training set's content hash. The sweep caches the GAN under <see cref="Key"/>.
/// </summary>
public sealed record GanPlan(string Preset, ExprGanArchitecture Architecture, ExprGanTrainingOptions Options, string Identity,
    int Threads, string TrainingSet)
{
    /// <summary>Hash of the plan's contents, never of the preset's name alone: changing a width or a weight retrains.</summary>
    public string Key()
    {
        var text = JsonSerializer.Serialize(this, CheckpointIO.Json);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}
