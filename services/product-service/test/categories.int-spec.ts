import { randomUUID } from 'node:crypto';
import { createCategory } from './support/catalog';
import {
  expectProblem,
  expectValidationProblem,
  startProductService,
  unique,
  type TestProductService,
} from './support/product-service';

interface Node {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  children: Node[];
}

const find = (nodes: Node[], id: string): Node | undefined => {
  for (const node of nodes) {
    if (node.id === id) return node;
    const inner = find(node.children, id);
    if (inner) return inner;
  }
  return undefined;
};

describe('product-service categories (real PostgreSQL, Redis)', () => {
  let service: TestProductService;

  beforeAll(async () => {
    service = await startProductService();
  });
  afterAll(() => service.close());

  it('creates categories and answers the tree, children sorted by name', async () => {
    const slug = unique('home');
    const home = await service
      .http()
      .post('/api/categories')
      .auth(service.adminToken, { type: 'bearer' })
      .send({ name: '  Home ', slug })
      .expect(201);
    expect(home.body).toEqual({ id: expect.any(String), name: 'Home', slug, parentId: null, children: [] });
    const kitchen = await createCategory(service, 'Kitchen', home.body.id);
    const bath = await createCategory(service, 'Bath', home.body.id);
    const pans = await createCategory(service, 'Pans', kitchen.id);
    expect(kitchen.parentId).toBe(home.body.id);

    const tree = await service.http().get('/api/categories').expect(200);
    expect(tree.headers['content-type']).toMatch(/^application\/json/);
    const node = find(tree.body, home.body.id);
    expect(node).toEqual({
      id: home.body.id,
      name: 'Home',
      slug,
      parentId: null,
      children: [
        { ...bath, children: [] },
        { ...kitchen, children: [{ ...pans, children: [] }] },
      ],
    });
    // Top-level entries are roots only.
    expect((tree.body as Node[]).every((root) => root.parentId === null)).toBe(true);
  });

  it('shows a new category at once, though the tree was cached before', async () => {
    const before = await service.http().get('/api/categories').expect(200);
    await service.http().get('/api/categories').expect(200);
    const created = await createCategory(service, 'Garden');
    expect(find(before.body, created.id)).toBeUndefined();
    expect(find((await service.http().get('/api/categories').expect(200)).body, created.id)).toMatchObject({
      name: 'Garden',
    });
  });

  it('answers 409 for a taken slug, 422 for an unknown parent, 400 for bad input', async () => {
    const first = await createCategory(service, 'Sports');
    const duplicate = await service
      .http()
      .post('/api/categories')
      .auth(service.adminToken, { type: 'bearer' })
      .send({ name: 'Sport', slug: first.slug });
    expectProblem(duplicate, 409, 'CATEGORY_SLUG_TAKEN');
    expect(duplicate.body.type).toBe('/problems/category-slug-taken');

    const orphan = await service
      .http()
      .post('/api/categories')
      .auth(service.adminToken, { type: 'bearer' })
      .send({ name: 'Lost', slug: unique('lost'), parentId: randomUUID() });
    expectProblem(orphan, 422, 'CATEGORY_PARENT_NOT_FOUND');
    expect(orphan.body.errors).toEqual({ parentId: ['no category has this id'] });

    expectValidationProblem(
      await service
        .http()
        .post('/api/categories')
        .auth(service.adminToken, { type: 'bearer' })
        .send({ name: '', slug: 'Not A Slug', parentId: 'x' }),
      ['name', 'slug', 'parentId'],
    );
  });

  it('keeps category writes to admins', async () => {
    expectProblem(
      await service
        .http()
        .post('/api/categories')
        .send({ name: 'X', slug: unique('x') }),
      401,
    );
    expectProblem(
      await service
        .http()
        .post('/api/categories')
        .auth(service.customerToken, { type: 'bearer' })
        .send({ name: 'X', slug: unique('x') }),
      403,
    );
  });
});
