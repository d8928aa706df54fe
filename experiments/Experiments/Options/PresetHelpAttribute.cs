using System.ComponentModel;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;

namespace Augment.Experiments.Options;

/// <summary>
/// A train option's help ending in its default: the value every preset's training options share, or each preset's,
/// read from <see cref="ExprGanPreset.TrainingOptions"/> so --help cannot drift from what train uses.
/// </summary>
abstract class PresetDefaultsHelpAttribute(string text) : DescriptionAttribute(text)
{
    protected abstract object? ValueOf(ExprGanTrainingOptions options);

    public override string Description
    {
        get
        {
            var groups = ExprGanPreset.All
                .GroupBy(p => HelpFormat.Of(ValueOf(p.TrainingOptions(p.DefaultEpochs, 1))), p => p.Name).ToList();
            var shown = groups.Count == 1 ? groups[0].Key
                : "the preset's: " + string.Join("; ", groups.Select(g => $"{g.Key} ({string.Join(", ", g)})"));
            return $"{DescriptionValue} (default: {shown}).";
        }
    }
}

/// <summary>The default of one property of the training options.</summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class PresetHelpAttribute(string text, string property) : PresetDefaultsHelpAttribute(text)
{
    protected override object? ValueOf(ExprGanTrainingOptions options) =>
        (typeof(ExprGanTrainingOptions).GetProperty(property) ?? throw new ArgumentException($"ExprGanTrainingOptions has no {property}.")).GetValue(options);
}

/// <summary>The loss weights of one stage (null in the options means the paper's, so they are read through WeightsOf).</summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class StageWeightsHelpAttribute(int stage) : PresetDefaultsHelpAttribute(
    $"Stage {stage} loss weights pixel,id,q,adv_img,adv_z,tv, or ten with cycle,mask,mask_tv,cls")
{
    protected override object? ValueOf(ExprGanTrainingOptions options) => options.WeightsOf(stage);
}
