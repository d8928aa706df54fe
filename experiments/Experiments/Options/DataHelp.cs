using System.ComponentModel;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Sweep.Plan;

namespace Augment.Experiments.Options;

/// <summary>--size's help, with the defaults read from where they are declared.</summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class SizeHelpAttribute() : DescriptionAttribute("")
{
    public override string Description
    {
        get
        {
            int Sweep(string dataset, bool quick) => SweepDefaults.For(dataset, quick).ImageSize;
            return "Resize every image to PX x PX (high-quality filter, intensities not rescaled). Default: the command's (train: the preset's size; " +
                $"evaluate: the generator's; sweep: {Sweep(DatasetCatalog.Default, false)} procedural, {Sweep(SweepHelpAttribute.RealData, false)} real data, " +
                $"--quick {Sweep(DatasetCatalog.Default, true)}; otherwise the source size, procedural {ProceduralFaces.SourceSize}).";
        }
    }
}

/// <summary>--classes' help, with the default classes of the load options.</summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class ClassesHelpAttribute() : DescriptionAttribute("")
{
    public override string Description =>
        $"Comma-separated classes (synonyms accepted). Default: {string.Join(",", new FaceLoadOptions().Classes)}.";
}
