/// What people must be told about particular models wherever those models are named.
public enum ModelNotes {
    /// The note shown beside models trained for this project.
    private static let locallyTrained = "locally trained"

    /// Folders of cross-encoders trained for this project (see `../shared/models/README.md`), best first: they
    /// are not the published MS MARCO models, and their scores must not pass for those.
    private static let locallyTrainedFolders = ["ms-marco-MiniLM-L6-ce-local-v2", "ms-marco-MiniLM-L6-ce-local"]

    /// The note for a model folder, by the folder's own name; nil for most models.
    public static func note(forFolderNamed name: String) -> String? {
        locallyTrainedFolders.contains(name) ? locallyTrained : nil
    }

    /// Where a locally trained model stands among the others (0 is the best on DL19); nil for any other model.
    public static func locallyTrainedRank(forFolderNamed name: String) -> Int? {
        locallyTrainedFolders.firstIndex(of: name)
    }
}
