using System.CommandLine;
using NeuroMas.Cluster;
using NeuroMas.Protocols;

namespace NeuroMas.Cli.Commands;

/// <summary>
/// <c>neuromas plan</c>: writes <c>&lt;output&gt;/plan.json</c> (the runs in order, which a task's <c>--run-index</c>
/// indexes) and, with <c>--slurm</c>, the sbatch script of a job array with one task per run.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var protocol = new Argument<string>("protocol") { Description = "A protocol file." };
        var overrides = new Argument<string[]>("overrides") { Description = "key=value overrides.", Arity = ArgumentArity.ZeroOrMore };
        var slurm = new Option<bool>("--slurm") { Description = "Also write an sbatch script: one job array, one task per run." };
        var maxParallel = new Option<int>("--max-parallel") { Description = "At most N tasks at once (--array=...%N); 0: no limit." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's)." };
        var time = new Option<string?>("--time") { Description = "Time limit per task, e.g. 2:00:00 (default: the partition's)." };
        var cpus = new Option<int>("--cpus") { Description = "CPUs per task (--cpus-per-task).", DefaultValueFactory = _ => 1 };
        var maxArraySize = new Option<int?>("--max-array-size")
        {
            Description = "Largest array (default: MaxArraySize from scontrol show config, else 1001); larger sweeps are split.",
        };
        var command = new Command("plan", "Plan a protocol's runs for a cluster: plan.json and, with --slurm, an sbatch job array script.")
        {
            protocol, overrides, slurm, maxParallel, partition, time, cpus, maxArraySize,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(overrides) ?? [];
            var loaded = ProtocolLoader.Load(parse.GetValue(protocol)!, given);
            ProtocolValidator.ThrowIfInvalid(loaded);
            var runs = RunPlan.Expand(loaded);
            var plan = PlanFile.Create(loaded, given, runs, SelfCommand());
            string? sizeSource = null;
            if (parse.GetValue(slurm))
            {
                var fromCluster = parse.GetValue(maxArraySize) is null ? SlurmQueue.MaxArraySize() : null;
                var size = parse.GetValue(maxArraySize) ?? fromCluster ?? 1001;
                sizeSource = parse.GetValue(maxArraySize) is not null ? "--max-array-size" : fromCluster is not null ? "scontrol show config" : "Slurm's default";
                plan = SlurmScript.Write(plan, new SlurmOptions
                {
                    MaxParallel = parse.GetValue(maxParallel),
                    Partition = parse.GetValue(partition),
                    Time = parse.GetValue(time),
                    Cpus = parse.GetValue(cpus),
                    MaxArraySize = size,
                });
                sizeSource = $"MaxArraySize {size} from {sizeSource}";
            }
            Directory.CreateDirectory(plan.Output);
            AtomicFile.WriteText(Path.Combine(plan.Output, "protocol.resolved.json"), ProtocolWriter.Resolved(loaded));
            PlanFile.Write(plan);
            Console.WriteLine($"{loaded.Path}: {runs.Count} run(s) planned in {Shown(PlanFile.PathIn(plan.Output))}");
            for (var i = 0; i < runs.Count; i++) Console.WriteLine($"  {i,4}  {runs[i].Id}");
            foreach (var a in plan.Arrays)
                Console.WriteLine($"slurm: {Shown(a.Script)}: job array {a.JobName}, tasks {SlurmScript.ArraySpec(Enumerable.Range(0, a.Count), a.MaxParallel)} = runs {a.Offset}-{a.Offset + a.Count - 1}");
            if (plan.Arrays.Count > 0)
            {
                if (plan.Arrays.Count > 1) Console.WriteLine($"split into {plan.Arrays.Count} arrays ({sizeSource}); each runs at most --max-parallel tasks at once");
                Console.WriteLine($"submit: {string.Join(" && ", plan.Arrays.Select(a => $"sbatch {Shell.Quote(Shown(a.Script))}"))}");
            }
            else Console.WriteLine($"run one: {Shell.Join(plan.Command)} run {Shell.Join([loaded.Path, .. given])} --run-index <i>");
            Console.WriteLine($"then: neuromas collect {Shell.Quote(Shown(plan.Output))}");
            return 0;
        });
        return command;
    }

    /// <summary>How this NeuroMas was started (<c>dotnet NeuroMas.Cli.dll</c> or its own executable), with absolute paths, for tasks to run the same build.</summary>
    private static string[] SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(PlanCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, dll] : [process];
    }

    /// <summary>A path as the user would type it here: relative below the current folder, else absolute.</summary>
    internal static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
