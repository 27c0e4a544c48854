package dev.ratchet.git;

import dev.ratchet.RatchetException;
import dev.ratchet.action.Edit;
import dev.ratchet.edit.EditApplier;
import dev.ratchet.edit.EditGuard;
import dev.ratchet.workspace.ApplyResult;
import dev.ratchet.workspace.Checkpoint;
import dev.ratchet.workspace.FileChange;
import dev.ratchet.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A {@link Workspace} on a git repository, built so that the user's branch and files stay
 * untouched until the loop accepts.
 *
 * <p>The loop works in its own work tree (by default under {@code .git/ratchet/work/<run-id>} of
 * the user's repository) on a scratch branch {@code ratchet/<run-id>} that borrows the user's
 * objects through git's alternates, so opening is cheap even for a large repository. Each {@link
 * #commit} stages exactly the files the edits changed. {@link #accept} pushes the scratch branch
 * into the user's repository and, when configured and safe, fast-forwards the user's branch.
 */
public final class GitWorkspace implements Workspace {
  private static final String BRANCH_PREFIX = "ratchet/";

  private final Repository userRepo;
  private final Repository repo;
  private final Path workTree;
  private final String runId;
  private final String branch;
  private final String userBranch;
  private final Checkpoint base;
  private final EditApplier applier;
  private final OnAccept onAccept;
  private final PersonIdent ident;
  private final Clock clock;
  private final Set<String> dirty = new LinkedHashSet<>();

  private GitWorkspace(Builder b, Repository userRepo, Repository repo, Checkpoint base,
      String userBranch) {
    this.userRepo = userRepo;
    this.repo = repo;
    this.workTree = repo.getWorkTree().toPath();
    this.runId = b.runId;
    this.branch = BRANCH_PREFIX + b.runId;
    this.userBranch = userBranch;
    this.base = base;
    this.applier = EditApplier.create(workTree, b.guard);
    this.onAccept = b.onAccept;
    this.ident = new PersonIdent(b.authorName, b.authorEmail);
    this.clock = b.clock;
  }

  /** Starts configuring a workspace over the repository (or plain folder) at {@code repo}. */
  public static Builder builder(Path repo) {
    return new Builder(repo);
  }

  /** The run's id; the scratch branch is {@code ratchet/<run-id>}. */
  public String runId() {
    return runId;
  }

  /** The scratch branch's name. */
  public String branch() {
    return branch;
  }

  @Override
  public Path root() {
    return workTree;
  }

  @Override
  public ApplyResult apply(Edit edit) {
    ApplyResult result = applier.apply(edit);
    if (result instanceof ApplyResult.Applied a) {
      for (FileChange c : a.files()) {
        dirty.add(c.path());
        dirty.add(c.oldPath());
      }
    }
    return result;
  }

  @Override
  public Optional<String> read(String path) {
    return applier.read(path);
  }

  @Override
  public Checkpoint commit(String message) {
    if (dirty.isEmpty()) {
      return head();
    }
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      DirCache index = repo.lockDirCache();
      try {
        DirCacheEditor editor = index.editor();
        for (String path : dirty) {
          stage(editor, inserter, path);
        }
        editor.finish();
        ObjectId tree = index.writeTree(inserter);
        ObjectId parent = repo.resolve(Constants.HEAD);
        CommitBuilder commit = new CommitBuilder();
        PersonIdent now = new PersonIdent(ident, clock.instant(), ZoneOffset.UTC);
        commit.setAuthor(now);
        commit.setCommitter(now);
        commit.setMessage(message.endsWith("\n") ? message : message + "\n");
        commit.setTreeId(tree);
        commit.setParentId(parent);
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        index.write();
        index.commit();
        updateBranch(id, parent, "commit: " + firstLine(message));
        dirty.clear();
        return new Checkpoint(id.name());
      } finally {
        index.unlock();
      }
    } catch (IOException e) {
      throw new RatchetException("Could not commit in " + workTree + ": " + e.getMessage(), e);
    }
  }

  private void stage(DirCacheEditor editor, ObjectInserter inserter, String path)
      throws IOException {
    Path file = workTree.resolve(path);
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      attrs = null;
    }
    if (attrs == null || !attrs.isRegularFile()) {
      editor.add(new DirCacheEditor.DeletePath(path));
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, bytes);
    boolean exec = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
        .contains(PosixFilePermission.OWNER_EXECUTE);
    long length = bytes.length;
    java.time.Instant modified = attrs.lastModifiedTime().toInstant();
    editor.add(new DirCacheEditor.PathEdit(path) {
      @Override
      public void apply(DirCacheEntry ent) {
        ent.setFileMode(exec ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
        ent.setObjectId(blob);
        ent.setLength(length);
        ent.setLastModified(modified);
      }
    });
  }

  private void updateBranch(ObjectId id, ObjectId expected, String log) throws IOException {
    RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
    update.setNewObjectId(id);
    update.setExpectedOldObjectId(expected);
    update.setRefLogIdent(ident);
    update.setRefLogMessage(log, false);
    RefUpdate.Result r = update.update();
    if (r != RefUpdate.Result.FAST_FORWARD && r != RefUpdate.Result.NEW
        && r != RefUpdate.Result.FORCED) {
      throw new RatchetException("Could not move " + branch + " to " + id.name() + ": " + r
          + ". Another process may be using the work tree " + workTree + ".");
    }
  }

  @Override
  public Checkpoint base() {
    return base;
  }

  @Override
  public Checkpoint head() {
    try {
      ObjectId id = repo.resolve(Constants.HEAD);
      return new Checkpoint(id.name());
    } catch (IOException e) {
      throw new RatchetException("Could not read HEAD of " + workTree + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String treeId(Checkpoint checkpoint) {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(ObjectId.fromString(checkpoint.id())).getTree().name();
    } catch (IOException | IllegalArgumentException e) {
      throw new RatchetException("Could not read the tree of " + checkpoint.abbreviated() + " in "
          + workTree + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void rollback(Checkpoint to) {
    try (Git git = Git.wrap(repo)) {
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(to.id()).call();
      git.clean().setCleanDirectories(true).setForce(true).call();
      dirty.clear();
    } catch (GitAPIException e) {
      throw new RatchetException("Could not roll " + workTree + " back to "
          + to.abbreviated() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String diff() {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        DiffFormatter formatter = new DiffFormatter(out);
        RevWalk walk = new RevWalk(repo)) {
      formatter.setRepository(repo);
      formatter.setDetectRenames(true);
      RevCommit from = walk.parseCommit(ObjectId.fromString(base.id()));
      RevCommit to = walk.parseCommit(repo.resolve(Constants.HEAD));
      formatter.format(from.getTree(), to.getTree());
      formatter.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RatchetException("Could not diff " + workTree + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String accept(Checkpoint result) {
    String target = Constants.R_HEADS + branch;
    try (Git work = Git.wrap(repo); Git user = Git.wrap(userRepo)) {
      if (!head().equals(result)) {
        rollback(result);
      }
      work.push()
          .setRemote(userRepo.getDirectory().toURI().toString())
          .setRefSpecs(new RefSpec(target + ":" + target))
          .setForce(true)
          .call();
      if (result.equals(base)) {
        return "The result equals the base; nothing to hand over.";
      }
      if (onAccept == OnAccept.BRANCH || userBranch.isEmpty()) {
        return "The result is on branch " + branch + " of " + userRepo.getWorkTree() + ".";
      }
      ObjectId userHead = userRepo.resolve(Constants.R_HEADS + userBranch);
      if (userHead == null || !userHead.name().equals(base.id())) {
        return "The result is on branch " + branch + "; " + userBranch
            + " moved since the run began, so it was left alone.";
      }
      if (!userBranch.equals(userRepo.getBranch())) {
        return "The result is on branch " + branch + "; " + userBranch
            + " is not checked out, so it was left alone.";
      }
      if (user.status().call().hasUncommittedChanges()) {
        return "The result is on branch " + branch + "; " + userBranch
            + " has uncommitted changes, so it was left alone.";
      }
      MergeResult merge = user.merge()
          .include(userRepo.resolve(target))
          .setFastForward(MergeCommand.FastForwardMode.FF_ONLY)
          .setCommit(true)
          .call();
      if (!merge.getMergeStatus().isSuccessful()) {
        return "The result is on branch " + branch + "; fast-forwarding " + userBranch
            + " failed (" + merge.getMergeStatus() + "), so it was left alone.";
      }
      return "Fast-forwarded " + userBranch + " to " + result.abbreviated() + " (also on branch "
          + branch + ").";
    } catch (GitAPIException | IOException e) {
      throw new RatchetException("Could not hand the result " + result.abbreviated()
          + " to " + userRepo.getWorkTree() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    repo.close();
    userRepo.close();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** What {@link #accept} does with the user's branch. */
  public enum OnAccept {
    /** Fast-forward the user's branch when it is checked out, clean and still at the base. */
    FAST_FORWARD,
    /** Only record the result on the {@code ratchet/<run-id>} branch of the user's repository. */
    BRANCH
  }

  /** Configures and opens a {@link GitWorkspace}. */
  public static final class Builder {
    private static final DateTimeFormatter RUN_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path repoPath;
    private String runId;
    private Path workTree;
    private EditGuard guard = EditGuard.defaults();
    private OnAccept onAccept = OnAccept.FAST_FORWARD;
    private String authorName = "ratchet";
    private String authorEmail = "ratchet@localhost";
    private Clock clock = Clock.systemUTC();
    private Checkpoint resumeBase;

    private Builder(Path repo) {
      this.repoPath = repo.toAbsolutePath().normalize();
    }

    /** Sets the run id (letters, digits, '-', '_', '.'); generated from the clock by default. */
    public Builder runId(String id) {
      if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException(
            "run id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
      }
      this.runId = id;
      return this;
    }

    /** Puts the loop's work tree here instead of under the repository's git directory. */
    public Builder workTree(Path dir) {
      this.workTree = dir.toAbsolutePath().normalize();
      return this;
    }

    /** Sets what edits may touch. */
    public Builder guard(EditGuard guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /** Sets what acceptance does with the user's branch. */
    public Builder onAccept(OnAccept mode) {
      this.onAccept = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sets the author of the loop's commits. */
    public Builder author(String name, String email) {
      this.authorName = Objects.requireNonNull(name, "name");
      this.authorEmail = Objects.requireNonNull(email, "email");
      return this;
    }

    /** Sets the clock for commit times and generated run ids. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Reopens the work tree of an earlier run (its id and work tree must be set too), for resuming
     * after a crash; uncommitted changes there are discarded.
     */
    public Builder resume(Checkpoint base) {
      this.resumeBase = Objects.requireNonNull(base, "base");
      return this;
    }

    /** Opens the workspace: creates the work tree and scratch branch, or reopens them. */
    public GitWorkspace open() {
      try {
        Repository user = openOrInit(repoPath);
        if (runId == null) {
          if (resumeBase != null) {
            throw new IllegalStateException("resume needs the run id: call runId(...)");
          }
          byte[] rnd = new byte[2];
          new SecureRandom().nextBytes(rnd);
          runId = RUN_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(rnd);
        }
        Path tree = workTree != null ? workTree
            : user.getDirectory().toPath().resolve("ratchet").resolve("work").resolve(runId);
        String userBranch = Optional.ofNullable(user.getBranch()).orElse("");
        if (resumeBase != null) {
          Repository repo = new FileRepositoryBuilder().setWorkTree(tree.toFile())
              .setGitDir(tree.resolve(".git").toFile()).setMustExist(true).build();
          GitWorkspace ws = new GitWorkspace(this, user, repo, resumeBase, userBranch);
          ws.rollback(ws.head());
          return ws;
        }
        ObjectId head = user.resolve(Constants.HEAD);
        if (head == null) {
          throw new RatchetException("The repository " + repoPath + " has no commit yet: commit"
              + " the code the loop should start from.");
        }
        Repository repo = createWorkTree(user, tree, BRANCH_PREFIX + runId, head);
        return new GitWorkspace(this, user, repo, new Checkpoint(head.name()), userBranch);
      } catch (IOException | GitAPIException e) {
        throw new RatchetException("Could not open a workspace on " + repoPath + ": "
            + e.getMessage(), e);
      }
    }

    private Repository openOrInit(Path path) throws IOException, GitAPIException {
      if (Files.exists(path.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
        return new FileRepositoryBuilder().findGitDir(path.toFile()).setMustExist(true).build();
      }
      if (!Files.isDirectory(path)) {
        throw new RatchetException(path + " is not a directory: point the workspace at a"
            + " repository or a folder of code.");
      }
      try (Git git = Git.init().setDirectory(path.toFile()).setInitialBranch("main").call()) {
        Path exclude = path.resolve(".git/info/exclude");
        Files.createDirectories(exclude.getParent());
        Files.writeString(exclude, "/target/\n");
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent(authorName, authorEmail, clock.instant(), ZoneOffset.UTC);
        git.commit().setMessage("ratchet: import " + path.getFileName()).setAuthor(who)
            .setCommitter(who).setSign(false).call();
        return new FileRepositoryBuilder().setWorkTree(path.toFile()).build();
      }
    }

    private Repository createWorkTree(Repository user, Path tree, String branch, ObjectId head)
        throws IOException, GitAPIException {
      if (Files.exists(tree)) {
        throw new RatchetException("The work tree " + tree + " already exists: choose another"
            + " run id, or resume that run.");
      }
      Files.createDirectories(tree);
      try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch(branch).call()) {
        Path alternates = tree.resolve(".git/objects/info/alternates");
        Files.createDirectories(alternates.getParent());
        Files.writeString(alternates,
            user.getDirectory().toPath().resolve("objects").toAbsolutePath() + "\n");
        Path userExclude = user.getDirectory().toPath().resolve("info/exclude");
        if (Files.isRegularFile(userExclude)) {
          Files.createDirectories(tree.resolve(".git/info"));
          Files.copy(userExclude, tree.resolve(".git/info/exclude"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Repository repo = new FileRepositoryBuilder().setWorkTree(tree.toFile())
          .setGitDir(tree.resolve(".git").toFile()).setMustExist(true).build();
      RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(head);
      update.setRefLogMessage("ratchet: start at " + head.name(), false);
      update.update();
      try (Git git = Git.wrap(repo)) {
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.name()).call();
      }
      return repo;
    }
  }
}
